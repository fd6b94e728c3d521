import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { Availability } from "./Availability.js";

const meta = {
  title: "Widgets/Availability",
  component: Availability,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 820 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof Availability>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const rows = await canvas.findByRole("list", { name: "Availability by provider and model" }, { timeout: 10_000 });
    await expect(within(rows).getAllByRole("listitem")).toHaveLength(8);
    const [first] = within(rows).getAllByRole("button", { name: /^Incident from/ });
    first?.focus();
    await expect(await canvas.findByRole("tooltip")).toHaveTextContent(/Start.*End.*Down for\d+ min/);
    await userEvent.click(canvas.getByRole("button", { name: /^Show all \d+ models$/ }));
    await expect(within(rows).getAllByRole("listitem").length).toBeGreaterThan(8);
  },
};
/** The day of the OpenAI outage, OpenAI only. */
export const OutageDay: Story = {
  args: { range: { from: "2026-11-17T00:00:00.000Z", to: "2026-11-18T00:00:00.000Z" }, filters: { provider: "openai" } },
};
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ width: 360 }}>
        <Story />
      </div>
    ),
  ],
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
