import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { seedLastDays } from "../../../test/seed-range.js";
import { OverviewStrip } from "./OverviewStrip.js";

// The last 7 of the 14 seeded days, so that the deltas have a previous week with data.
const lastWeek = seedLastDays(7);

const meta = {
  title: "Widgets/OverviewStrip",
  component: OverviewStrip,
  parameters: { promptmeter: { range: lastWeek } },
} satisfies Meta<typeof OverviewStrip>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("p95 latency", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 360 }}>
        <Story />
      </div>
    ),
  ],
};
export const CustomMetrics: Story = { args: { metrics: ["successRate", "rescueRate", "fallbackRate", "tokens"], title: "Reliability" } };
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
