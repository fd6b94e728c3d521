import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { FeedbackSentiment } from "./FeedbackSentiment.js";

const meta = { title: "Widgets/FeedbackSentiment", component: FeedbackSentiment, args: { comments: 3 } } satisfies Meta<
  typeof FeedbackSentiment
>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("list", { name: "Feedback by sentiment" }, { timeout: 10_000 })).toBeVisible();
  },
};
/** A model users rate poorly: the negative share grows. */
export const OneModel: Story = { args: { comments: 5, filters: { model: "o3-mini" } } };
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
export const EmptyDark: Story = { globals: { theme: "dark" }, parameters: { promptmeter: { filters: { model: "no-such-model" } } } };
