import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { PeakHours } from "./PeakHours.js";

const meta = {
  title: "Widgets/PeakHours",
  component: PeakHours,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 820 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PeakHours>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const grid = await canvas.findByRole("slider", { name: "Requests by weekday and hour" }, { timeout: 10_000 });
    await expect(canvas.getByText("Peak hour").nextElementSibling?.textContent).toMatch(/^[A-Z][a-z]+day, \d+ [AP]M–\d+ [AP]M$/);
    grid.focus();
    await userEvent.keyboard("{ArrowDown}");
    await expect(grid.getAttribute("aria-valuetext")).toMatch(/^Tuesday 12 AM: [\d,]+$/);
  },
};
/** Weekday and hour names in German, still Monday first; hours in Paris. */
export const German: Story = {
  args: { locale: "de-DE", title: "Stoßzeiten" },
  parameters: { promptmeter: { timezone: "Europe/Paris" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const grid = await canvas.findByRole("slider", { name: "Requests by weekday and hour" }, { timeout: 10_000 });
    grid.focus();
    await waitFor(() => expect(grid.getAttribute("aria-valuetext")).toMatch(/^Montag 00 Uhr: [\d.]+$/));
  },
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
