import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { FeedbackTrend } from "./FeedbackTrend.js";

const meta = { title: "Widgets/FeedbackTrend", component: FeedbackTrend } satisfies Meta<typeof FeedbackTrend>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("slider", { name: "Average score per day" }, { timeout: 10_000 })).toBeVisible();
  },
};
/** Hourly buckets over two days: some hours have no feedback, and the score line leaves them as gaps. */
export const HourlyWithGaps: Story = {
  args: { bucket: "hour", filters: { feature: "code-assistant" } },
  parameters: { promptmeter: { range: { from: "2026-11-21T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" } } },
};
export const ComparedWithPreviousWeek: Story = {
  args: { compare: true },
  parameters: { promptmeter: { range: { from: "2026-11-16T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" } } },
};
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = { parameters: { promptmeter: { filters: { model: "no-such-model" } } } };
export const ErrorWithRetry: Story = {
  parameters: { promptmeter: { state: "error" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent("missing or invalid API key");
    await userEvent.click(canvas.getByRole("button", { name: "Retry" }));
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const DataDark: Story = { globals: { theme: "dark" } };
export const HourlyDark: Story = {
  globals: { theme: "dark" },
  args: { bucket: "hour", filters: { feature: "code-assistant" } },
  parameters: { promptmeter: { range: { from: "2026-11-21T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" } } },
};
