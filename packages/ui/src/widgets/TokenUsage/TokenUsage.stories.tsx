import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { seedLastDays } from "../../../test/seed-range.js";
import { TokenUsage } from "./TokenUsage.js";

// The last 7 of the 14 seeded days, so that the delta has a previous week with data.
const lastWeek = seedLastDays(7);

const meta = {
  title: "Widgets/TokenUsage",
  component: TokenUsage,
  parameters: { promptmeter: { range: lastWeek } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof TokenUsage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const chart = await canvas.findByRole("slider", { name: "Tokens per day by kind" }, { timeout: 10_000 });
    chart.focus();
    await userEvent.keyboard("{Home}");
    await expect(await canvas.findByTestId("pm-tooltip")).toHaveTextContent("Nov 16");
  },
};
/** Hourly buckets: more than 90, so stacked areas instead of bars. */
export const Hourly: Story = { args: { bucket: "hour" } };
export const Dark: Story = { globals: { theme: "dark" } };
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
