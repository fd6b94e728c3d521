import { z } from "zod";
import { Filters } from "./query.js";

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
