import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { ErrorTrend } from "./ErrorTrend.js";

const meta = {
  title: "Widgets/ErrorTrend",
  component: ErrorTrend,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ErrorTrend>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const bars = await canvas.findByRole("slider", { name: "Failed requests per bucket by error type" }, { timeout: 10_000 });
    await expect(canvasElement.querySelector(".pm-stat-value")?.textContent).toMatch(/^\d+(\.\d)?%$/);
    bars.focus();
    await userEvent.keyboard("{Home}");
    await expect(bars.getAttribute("aria-valuetext")).toMatch(/^Nov 9: Rate limit \d+, Timeout \d+/);
  },
};
/** The second seeded week against the first: the error rate shows its change. */
export const WithDelta: Story = { args: { range: { from: "2026-11-16T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" } } };
/** Hourly buckets over the day of the OpenAI outage. */
export const OutageDay: Story = {
  args: { range: { from: "2026-11-17T00:00:00.000Z", to: "2026-11-18T00:00:00.000Z" }, filters: { provider: "openai" } },
};
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
