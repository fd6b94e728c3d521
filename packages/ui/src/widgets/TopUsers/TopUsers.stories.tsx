import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { TopUsers } from "./TopUsers.js";

const meta = {
  title: "Widgets/TopUsers",
  component: TopUsers,
  args: { limit: 10 },
} satisfies Meta<typeof TopUsers>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("cell", { name: "user_0000" }, { timeout: 10_000 })).toBeVisible();
  },
};
export const ByCost: Story = {
  args: { by: "cost", limit: 5 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("Ranked by cost", {}, { timeout: 10_000 })).toBeVisible();
    await userEvent.click(canvas.getByText("Tokens"));
    await expect(canvas.getByText("Ranked by tokens")).toBeVisible();
  },
};
export const ComparedWithPreviousPeriod: Story = { args: { compare: true, limit: 5 } };
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
