import { z } from "zod";
import { KpiQuery } from "../query.js";
import { LatencySummary, PercentileMethod, Rate, TokenTotals } from "./common.js";

export const OverviewInput = KpiQuery;

/** The headline figures of one period. */
export const OverviewFigures = z.object({
  requests: z.number(),
  successRate: Rate,
  errorRate: Rate,
  /** Sum over priced requests; unpriced ones are counted in `unpricedRequests`, never as $0. */
  costUsd: z.number(),
  tokens: TokenTotals,
  latency: LatencySummary,
  uniqueUsers: z.number(),
  fallbackRate: Rate,
  /** rescued / requests that had retries or a fallback. */
  rescueRate: Rate,
  feedback: z.object({ count: z.number(), avgScore: z.number().nullable() }),
  unpricedRequests: z.number(),
});
export type OverviewFigures = z.infer<typeof OverviewFigures>;

export const OverviewOutput = OverviewFigures.extend({
  /** The previous period of equal length, when `compare` was asked. */
  previous: OverviewFigures.nullable(),
  percentiles: PercentileMethod,
});
export type OverviewOutput = z.infer<typeof OverviewOutput>;
