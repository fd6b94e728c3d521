import type { CostForecast } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { bucketStart, localParts, nextBucketStart, zonedToUtc } from "../time/index.js";
import { aggregate, totalOf } from "./aggregate.js";
import type { Scope } from "./scope.js";

const DAY = 86_400_000;

/** Local days from `asOf` to `monthEnd`: the part of the current local day left, then whole days (23 or 25 h ones too). */
function localDaysLeft(asOf: number, monthEnd: number, timezone: string): number {
  const dayStart = bucketStart(asOf - 1, "day", timezone);
  const dayEnd = nextBucketStart(dayStart, "day", timezone);
  let days = (dayEnd - asOf) / (dayEnd - dayStart);
  for (let t = dayEnd; t < monthEnd; t = nextBucketStart(t, "day", timezone)) days += 1;
  return days;
}

/**
 * Month-end spend projection as of `asOf`, with the scope's filters: month-to-date spend (local
 * month) + the mean daily spend of the 7 × 24 h before `asOf` × the local days left.
 */
export async function costForecast(store: Store, scope: Scope, asOf: number): Promise<CostForecast> {
  const tz = scope.timezone;
  // The range is half-open: a range ending at local midnight on the 1st forecasts the month it covered.
  const last = localParts(asOf - 1, tz);
  const monthStart = zonedToUtc(last.year, last.month, 1, 0, 0, tz);
  const monthEnd = zonedToUtc(last.year, last.month + 1, 1, 0, 0, tz);
  const [monthToDate, trailing, project] = await Promise.all([
    aggregate(store, { ...scope, interval: { from: monthStart, to: asOf } }),
    aggregate(store, { ...scope, interval: { from: asOf - 7 * DAY, to: asOf } }),
    store.db.selectFrom("projects").select("monthly_budget_usd").where("id", "=", scope.projectId).executeTakeFirst(),
  ]);
  const month = totalOf(monthToDate.rows);
  const trailingDailyMean = totalOf(trailing.rows).costUsd / 7;
  const daysLeft = localDaysLeft(asOf, monthEnd, tz);
  const projectedMonth = month.costUsd + trailingDailyMean * daysLeft;
  const budget = project?.monthly_budget_usd ?? null;
  return {
    asOf: new Date(asOf).toISOString(),
    monthStart: new Date(monthStart).toISOString(),
    monthToDate: month.costUsd,
    trailingDailyMean,
    daysLeft,
    projectedMonth,
    budgetUsd: budget === null ? null : Number(budget),
    projectedOverBudget: budget === null ? null : projectedMonth > Number(budget),
    unpricedRequests: month.unpricedRequests,
  };
}
