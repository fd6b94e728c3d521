import type { RescueFigures, RescueOutput } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { gapFill } from "../time/index.js";
import { type Agg, aggregate, emptyAgg, totalOf } from "./aggregate.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

function rescueFigures(a: Agg): RescueFigures {
  return {
    requests: a.requests,
    retriedRequests: a.retried,
    fallbackRequests: a.fallbacks,
    retryRate: ratio(a.retried, a.requests),
    fallbackRate: ratio(a.fallbacks, a.requests),
    rescueAttempts: a.rescueAttempts,
    rescued: a.rescued,
    rescueRate: ratio(a.rescued, a.rescueAttempts),
  };
}

/** kpi.rescue: retries and fallbacks, how many requests they saved, per bucket and in total. */
export async function rescue(store: Store, scope: Scope, compare: boolean): Promise<RescueOutput> {
  const [{ rows }, previous] = await Promise.all([
    aggregate(store, scope, { perBucket: true }),
    compare ? aggregate(store, previousScope(scope)) : null,
  ]);
  const perBucket = new Map<number, RescueFigures>();
  for (const r of rows) if (r.bucket !== null) perBucket.set(r.bucket, rescueFigures(r.agg));
  const { from, to } = scope.interval;
  return {
    ...rescueFigures(totalOf(rows)),
    series: gapFill(from, to, scope.bucket, scope.timezone, perBucket, () => rescueFigures(emptyAgg())),
    previous: previous ? rescueFigures(totalOf(previous.rows)) : null,
  };
}
