import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { UsageFrequency } from "./UsageFrequency.js";

const meta = {
  title: "Widgets/UsageFrequency",
  component: UsageFrequency,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 520 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof UsageFrequency>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole("list", { name: "Users by number of active days" }, { timeout: 10_000 });
    await expect(within(list).getAllByRole("listitem")).toHaveLength(5);
  },
};
/** One seeded week against the one before: users spread over fewer active days, with deltas. */
export const OneWeek: Story = { args: { range: { from: "2026-11-16T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" } } };
/** Three days: most users were active on one to three of them. */
export const ThreeDays: Story = { args: { range: { from: "2026-11-20T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" } } };
export const Dark: Story = { globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = {
  parameters: { promptmeter: { filters: { model: "no-such-model" } } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("No requests in this range", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const ErrorState: Story = {
  name: "Error",
  parameters: { promptmeter: { state: "error" } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole("button", { name: "Retry" }, { timeout: 10_000 })).toBeVisible();
  },
};
