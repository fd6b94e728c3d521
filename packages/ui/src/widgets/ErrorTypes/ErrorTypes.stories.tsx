import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { ErrorTypes } from "./ErrorTypes.js";

const meta = {
  title: "Widgets/ErrorTypes",
  component: ErrorTypes,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 560 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ErrorTypes>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const types = await canvas.findByRole("list", { name: "Failed requests by error type" }, { timeout: 10_000 });
    await expect(within(types).getAllByRole("listitem").length).toBeGreaterThan(3);
    const messages = canvas.getByRole("list", { name: "Top error messages" });
    await expect(within(messages).getAllByRole("listitem").length).toBeGreaterThan(3);
  },
};
/** Release 1.5.0 broke the code assistant with invalid requests. */
export const BadRelease: Story = { args: { filters: { release: "1.5.0" } } };
export const Dark: Story = { globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = {
  parameters: { promptmeter: { filters: { model: "no-such-model" } } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("No requests in this range", {}, { timeout: 10_000 })).toBeVisible();
  },
};
/** Only successful requests: traffic, but nothing failed. */
export const NoFailures: Story = {
  parameters: { promptmeter: { filters: { status: "success" } } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("No failed requests in this range", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const ErrorState: Story = {
  name: "Error",
  parameters: { promptmeter: { state: "error" } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole("button", { name: "Retry" }, { timeout: 10_000 })).toBeVisible();
  },
};
