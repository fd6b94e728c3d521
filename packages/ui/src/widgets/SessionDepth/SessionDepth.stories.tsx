import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { SessionDepth } from "./SessionDepth.js";

const meta = {
  title: "Widgets/SessionDepth",
  component: SessionDepth,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 520 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof SessionDepth>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole("list", { name: "Sessions by number of requests" }, { timeout: 10_000 });
    await expect(within(list).getAllByRole("listitem")).toHaveLength(5);
    await expect(canvas.getByText("Repeat rate").nextElementSibling?.textContent).toMatch(/^\d+(\.\d)?%$/);
  },
};
/** The second seeded week against the first: every figure shows its change. */
export const WithDelta: Story = { args: { range: { from: "2026-11-16T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" } } };
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
