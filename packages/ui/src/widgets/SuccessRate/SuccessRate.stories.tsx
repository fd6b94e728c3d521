import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { SEED_END, seedLastDays } from "../../../test/seed-range.js";
import { SuccessRate } from "./SuccessRate.js";

// The last 7 of the 14 seeded days, so that the delta have a previous week with data.
const lastWeek = seedLastDays(7);
const lastHour = { from: new Date(Date.parse(SEED_END) - 3_600_000).toISOString(), to: SEED_END };

const meta = {
  title: "Widgets/SuccessRate",
  component: SuccessRate,
  parameters: { promptmeter: { range: lastWeek } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof SuccessRate>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("slider", { name: "Success rate per day" }, { timeout: 10_000 })).toBeVisible();
  },
};
/** Hourly buckets over the week: nights with few requests swing the rate. */
export const Hourly: Story = { args: { bucket: "hour" } };
/** Minute buckets of the last seeded hour: minutes without a request are gaps. */
export const WithGaps: Story = { parameters: { promptmeter: { range: lastHour } } };
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
