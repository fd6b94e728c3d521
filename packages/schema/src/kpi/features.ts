import { z } from "zod";
import { KpiQuery } from "../query.js";
import { PercentileMethod, Rate } from "./common.js";

/** Group by the events' `feature`, or by each of their tags (an event with two tags counts in both). */
export const FeatureGrouping = z.enum(["feature", "tag"]);

export const FeaturesInput = KpiQuery.extend({ by: FeatureGrouping.default("feature") });
export type FeaturesInput = z.infer<typeof FeaturesInput>;

/** Why a row is flagged as a place where users struggle. */
export const DifficultyReason = z.enum(["errorRate", "avgScore"]);

export const FeatureRow = z.object({
  /** The feature or tag; null for events without one. */
  name: z.string().nullable(),
  requests: z.number(),
  /** Part of all requests in scope. */
  share: Rate,
  errorRate: Rate,
  /** Feedback given in the range on this row's events. */
  feedbackCount: z.number(),
  avgScore: z.number().nullable(),
  costUsd: z.number(),
  unpricedRequests: z.number(),
  /** Latency p95 in ms over the eligible requests (successes unless `filters.status`). */
  p95: z.number().nullable(),
  /** errorRate > 2 × the overall error rate, or avgScore < the overall avgScore − 0.15. */
  difficulty: z.boolean(),
  difficultyReasons: z.array(DifficultyReason),
});

/** The baseline rows are judged against: every event in scope, and the feedback on them. */
export const FeaturesOverall = z.object({
  requests: z.number(),
  errorRate: Rate,
  feedbackCount: z.number(),
  avgScore: z.number().nullable(),
  costUsd: z.number(),
});

export const FeaturesOutput = z.object({
  by: FeatureGrouping,
  /** Most requested first. */
  rows: z.array(FeatureRow),
  overall: FeaturesOverall,
  /** The previous period's baseline, when `compare` was asked. */
  previous: FeaturesOverall.nullable(),
  /** Per tag the p95 is exact (read from events); per feature it comes from the histogram rollup. */
  percentiles: PercentileMethod,
});
export type FeaturesOutput = z.infer<typeof FeaturesOutput>;
