import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { FeatureBreakdown } from "./FeatureBreakdown.js";

const meta = { title: "Widgets/FeatureBreakdown", component: FeatureBreakdown } satisfies Meta<typeof FeatureBreakdown>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("cell", { name: "support-chat" }, { timeout: 10_000 })).toBeVisible();
  },
};
/** Release 1.5.0 shipped a regression: code-assistant errors more and scores worse than the rest. */
export const UsersStruggle: Story = {
  args: { filters: { release: "1.5.0" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("note", { name: "Where users struggle" }, { timeout: 10_000 })).toHaveTextContent(
      "code-assistant",
    );
  },
};
export const ByTag: Story = {
  args: { by: "tag" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("cell", { name: "enterprise" }, { timeout: 10_000 })).toBeVisible();
    await userEvent.click(canvas.getByText("Feature", { selector: "span" }));
    await expect(await canvas.findByRole("cell", { name: "support-chat" }, { timeout: 10_000 })).toBeVisible();
  },
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
export const UsersStruggleDark: Story = { globals: { theme: "dark" }, args: { filters: { release: "1.5.0" } } };
