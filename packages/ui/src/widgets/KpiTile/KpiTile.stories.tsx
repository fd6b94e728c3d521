import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { seedLastDays } from "../../../test/seed-range.js";
import { KpiTile } from "./KpiTile.js";
import { OVERVIEW_METRICS } from "./prepare.js";

// The last 7 of the 14 seeded days, so that the delta has a previous week with data.
const lastWeek = seedLastDays(7);

const meta = {
  title: "Widgets/KpiTile",
  component: KpiTile,
  args: { metric: "errorRate" },
  argTypes: { metric: { control: "select", options: Object.keys(OVERVIEW_METRICS) } },
  parameters: { promptmeter: { range: lastWeek } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 320 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof KpiTile>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ErrorRate: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/vs previous period/, {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const Spend: Story = { args: { metric: "costUsd" } };
export const Latency: Story = { args: { metric: "latencyP95" } };
export const Dark: Story = { globals: { theme: "dark" } };
export const DarkSpend: Story = { args: { metric: "costUsd" }, globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading", range: lastWeek } } };
export const Empty: Story = {
  parameters: { promptmeter: { range: lastWeek, filters: { model: "no-such-model" } } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("No requests in this range", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const ErrorState: Story = {
  name: "Error",
  parameters: { promptmeter: { state: "error", range: lastWeek } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent("missing or invalid API key");
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};
