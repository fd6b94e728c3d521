import { z } from "zod";
import { KpiQuery } from "../query.js";
import { BucketTime, Rate } from "./common.js";

export const CostInput = KpiQuery;

/** Spend of one period. Unpriced requests are counted apart, never as $0. */
export const CostFigures = z.object({
  /** USD summed over priced requests. */
  total: z.number(),
  pricedRequests: z.number(),
  unpricedRequests: z.number(),
  /** total / priced requests (unpriced ones have no cost to average); null when none was priced. */
  perRequest: z.number().nullable(),
});
export type CostFigures = z.infer<typeof CostFigures>;

export const CostPoint = z.object({ t: BucketTime, costUsd: z.number(), unpricedRequests: z.number() });

/** Spend of one provider + model (the same model name can be served by several providers at different prices). */
export const CostByModel = CostFigures.omit({ total: true }).extend({
  provider: z.string(),
  model: z.string(),
  costUsd: z.number(),
  /** This model's part of the total spend. */
  share: Rate,
});

/**
 * Month-end projection as of `asOf` (the end of the range, clipped to now): month-to-date spend in
 * the query's time zone + the mean daily spend of the 7 × 24 h before `asOf` × the local days left.
 */
export const CostForecast = z.object({
  asOf: z.string(),
  /** Local midnight starting the month that holds `asOf`. */
  monthStart: z.string(),
  monthToDate: z.number(),
  /** Spend over the 7 × 24 h before `asOf`, divided by 7. */
  trailingDailyMean: z.number(),
  /** Local days from `asOf` to the month's end, the current day counted by the part of it left. */
  daysLeft: z.number(),
  projectedMonth: z.number(),
  /** The project's monthly budget, when set. */
  budgetUsd: z.number().nullable(),
  /** projectedMonth > budgetUsd; null without a budget. */
  projectedOverBudget: z.boolean().nullable(),
  /** Requests this month with no price: the projection leaves them out. */
  unpricedRequests: z.number(),
});
export type CostForecast = z.infer<typeof CostForecast>;

export const CostOutput = CostFigures.extend({
  series: z.array(CostPoint),
  byModel: z.array(CostByModel),
  forecast: CostForecast,
  /** The previous period of equal length, when `compare` was asked. */
  previous: CostFigures.nullable(),
});
export type CostOutput = z.infer<typeof CostOutput>;
