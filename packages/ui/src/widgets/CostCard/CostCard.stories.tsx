import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { seedLastDays } from "../../../test/seed-range.js";
import { CostCard } from "./CostCard.js";

// The last 7 of the 14 seeded days, so that the delta has a previous week with data.
const lastWeek = seedLastDays(7);

const meta = {
  title: "Widgets/CostCard",
  component: CostCard,
  parameters: { promptmeter: { range: lastWeek } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 420 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof CostCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("Projected for November", {}, { timeout: 10_000 })).toBeVisible();
  },
};
/** The seeded project has no budget: a host can pass one (here below the projection, so the card warns). */
export const OverBudget: Story = {
  args: { budgetUsd: 250 },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/over budget$/, {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const UnderBudget: Story = { args: { budgetUsd: 400 } };
export const Dark: Story = { args: { budgetUsd: 250 }, globals: { theme: "dark" } };
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
