import { z } from "zod";
import { Filters } from "./query.js";
import { instant } from "./timestamp.js";

export const GOAL_METRICS = [
  "latencyP50Ms",
  "latencyP95Ms",
  "ttftP95Ms",
  "errorRate",
  "successRate",
  "availability",
  "costPerDayUsd",
  "costPerRequestUsd",
  "feedbackScore",
  "fallbackRate",
  "rescueRate",
] as const;
export const GoalMetric = z.enum(GOAL_METRICS);
export type GoalMetric = z.infer<typeof GoalMetric>;

/** A target on one metric over a trailing window, e.g. p95 latency ≤ 2000 ms over 7 days. */
export const Goal = z.object({
  id: z.string().min(1).max(128),
  metric: GoalMetric,
  op: z.enum(["lte", "gte"]),
  target: z.number().finite(),
  window: z.enum(["24h", "7d", "30d"]),
  filters: Filters.optional(),
});
export type Goal = z.infer<typeof Goal>;

/** `goals.upsert` input: the id is assigned by the server when absent. */
export const GoalInput = Goal.extend({ id: Goal.shape.id.optional() });
export type GoalInput = z.infer<typeof GoalInput>;

/** `goals.list`: the project's goals, oldest first. */
export const GoalsListOutput = z.object({ rows: z.array(Goal) });
export type GoalsListOutput = z.infer<typeof GoalsListOutput>;

export const GoalsDeleteInput = z.object({ id: Goal.shape.id });
export const GoalsDeleteOutput = z.object({ deleted: z.boolean() });

/** `goals.evaluate`: each goal over its trailing window ending at `at` (default now). */
export const GoalsEvaluateInput = z.object({ at: instant.optional() }).default({});

/** One goal's verdict; `actual` is null when the window has no data for the metric, and then `met` is false. */
export const GoalEvaluation = z.object({
  goal: Goal,
  actual: z.number().nullable(),
  met: z.boolean(),
  /** How far inside the target the actual is (target − actual for lte, actual − target for gte); negative when missed. */
  margin: z.number().nullable(),
});
export type GoalEvaluation = z.infer<typeof GoalEvaluation>;

export const GoalsEvaluateOutput = z.object({
  rows: z.array(GoalEvaluation),
  /** The instant the trailing windows end at. */
  at: z.string(),
});
export type GoalsEvaluateOutput = z.infer<typeof GoalsEvaluateOutput>;
