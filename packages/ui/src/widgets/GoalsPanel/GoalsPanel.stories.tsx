/// <reference path="../../../../../.storybook/virtual.d.ts" />
import { connection } from "virtual:promptmeter-connection";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { SEED_END } from "../../../test/seed-range.js";
import { createPromptmeterClient } from "../../provider/create-client.js";
import { GoalsPanel } from "./GoalsPanel.js";
import type { GoalDraft } from "./prepare.js";

/** The goals of the stories, stored through the real `goals.upsert` (fixed ids: storing them again changes nothing). */
const STORY_GOALS: GoalDraft[] = [
  { id: "story-p95", metric: "latencyP95Ms", op: "lte", target: 12_000, window: "7d" },
  { id: "story-errors", metric: "errorRate", op: "lte", target: 0.02, window: "7d" },
  { id: "story-availability", metric: "availability", op: "gte", target: 0.995, window: "30d" },
  { id: "story-cost", metric: "costPerDayUsd", op: "lte", target: 15, window: "7d" },
  { id: "story-score", metric: "feedbackScore", op: "gte", target: 0.75, window: "30d", filters: { feature: "code-assistant" } },
];

async function storeGoals() {
  const client = createPromptmeterClient({ url: connection.url, apiKey: connection.apiKey });
  for (const goal of STORY_GOALS) await client.goals.upsert.mutate(goal);
  return {};
}

const meta = {
  title: "Widgets/GoalsPanel",
  component: GoalsPanel,
  // Judged at the end of the seeded data, so verdicts do not depend on today's date.
  args: { at: SEED_END },
  loaders: [storeGoals],
} satisfies Meta<typeof GoalsPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("p95 latency ≤ 12 sec", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const AddingAGoal: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Add goal" }, { timeout: 10_000 }));
    await expect(canvas.getByRole("form", { name: "New goal" })).toBeVisible();
    await userEvent.selectOptions(canvas.getByRole("combobox", { name: "Metric" }), "Availability");
    await expect(canvas.getByRole("combobox", { name: "Condition" })).toHaveValue("gte");
    await expect(canvas.getByText("Target (%)")).toBeVisible();
  },
};
export const ReadOnly: Story = { args: { readOnly: true } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
/** A project with no goals yet. */
export const Empty: Story = { parameters: { promptmeter: { state: "empty-project" } } };
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
export const AddingDark: Story = { globals: { theme: "dark" }, play: AddingAGoal.play };
