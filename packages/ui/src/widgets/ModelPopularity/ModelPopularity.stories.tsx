import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { seedLastDays } from "../../../test/seed-range.js";
import { ModelPopularity } from "./ModelPopularity.js";

// The last 7 of the 14 seeded days, as in the other widgets' stories.
const lastWeek = seedLastDays(7);

const meta = {
  title: "Widgets/ModelPopularity",
  component: ModelPopularity,
  parameters: { promptmeter: { range: lastWeek } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ModelPopularity>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole("slider", { name: "Requests per day: top models and the rest" }, { timeout: 10_000 }),
    ).toBeVisible();
  },
};
/** A short list: the top 3 and the rest as one row. */
export const TopThree: Story = { args: { limit: 3 } };
export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 360 }}>
        <Story />
      </div>
    ),
  ],
};
export const Dark: Story = { globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading", range: lastWeek } } };
export const Empty: Story = {
  parameters: { promptmeter: { range: lastWeek, filters: { model: "no-such-model" } } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("No requests in this range", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const ErrorState: Story = {
  name: "Error",
  parameters: { promptmeter: { state: "error", range: lastWeek } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent("missing or invalid API key");
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};
