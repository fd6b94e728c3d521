import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { RescueCard } from "./RescueCard.js";

const meta = {
  title: "Widgets/RescueCard",
  component: RescueCard,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof RescueCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const chart = await canvas.findByRole("slider", { name: /Retried or fallen-back requests/ }, { timeout: 10_000 });
    await expect(canvas.getByText("Rescue rate").nextElementSibling?.textContent).toMatch(/^\d+(\.\d)?%$/);
    chart.focus();
    await userEvent.keyboard("{Home}");
    await expect(chart.getAttribute("aria-valuetext")).toMatch(/^Nov 9: Rescued [\d,]+, Failed after retry or fallback [\d,]+$/);
  },
};
/** The second seeded week against the first: the rescue rate shows its change. */
export const WithDelta: Story = { args: { range: { from: "2026-11-16T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" } } };
export const Hourly: Story = { args: { range: { from: "2026-11-17T00:00:00.000Z", to: "2026-11-18T00:00:00.000Z" } } };
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
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent("missing or invalid API key");
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};
