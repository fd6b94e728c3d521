import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor, within } from "storybook/test";
import { SEED_END, seedLastDays } from "../../../test/seed-range.js";
import { Dashboard } from "./Dashboard.js";
import { DASHBOARD_WIDGETS } from "./dashboard-widgets.js";

// The last 7 of the 14 seeded days, so that deltas have a previous week; goals are judged at the seed's end.
const lastWeek = seedLastDays(7);

const meta = {
  title: "Widgets/Dashboard",
  component: Dashboard,
  args: { goalsAt: SEED_END },
  parameters: { promptmeter: { range: lastWeek } },
} satisfies Meta<typeof Dashboard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("heading", { name: "Spend and traffic" })).toBeVisible();
    await expect(await canvas.findByText("p95 latency", {}, { timeout: 15_000 })).toBeVisible();
  },
};
export const Dark: Story = { globals: { theme: "dark" } };
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 420 }}>
        <Story />
      </div>
    ),
  ],
};
export const WithoutLogAndGoals: Story = { args: { hide: ["RequestLog", "GoalsPanel"] } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading", range: lastWeek } } };
export const Empty: Story = {
  parameters: { promptmeter: { range: lastWeek, filters: { model: "no-such-model" } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByText("No requests in this range").length).toBeGreaterThan(5), { timeout: 15_000 });
  },
};
export const ErrorState: Story = {
  name: "Error",
  parameters: { promptmeter: { state: "error", range: lastWeek } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole("button", { name: "Retry" }).length).toBe(DASHBOARD_WIDGETS.length), {
      timeout: 15_000,
    });
  },
};
