import type { CostFigures, CostOutput } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { gapFill } from "../time/index.js";
import { type Agg, aggregate, emptyAgg, mergeAgg, totalOf } from "./aggregate.js";
import { costForecast } from "./cost-forecast.js";
import { compareModels, modelId, modelRef } from "./model-key.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

function figures(t: Agg): CostFigures {
  return {
    total: t.costUsd,
    pricedRequests: t.pricedRequests,
    unpricedRequests: t.unpricedRequests,
    perRequest: ratio(t.costUsd, t.pricedRequests),
  };
}

/**
 * kpi.cost: spend per bucket and per provider + model, and a month-end forecast. The forecast is
 * as of the end of the range clipped to `now`: a past range forecasts the month it ended in, as it
 * looked then; a range reaching into the future forecasts from now.
 */
export async function cost(store: Store, scope: Scope, input: { compare: boolean }, now = Date.now()): Promise<CostOutput> {
  const [{ rows }, forecast, previous] = await Promise.all([
    aggregate(store, scope, { by: ["provider", "model"], perBucket: true }),
    costForecast(store, scope, Math.min(scope.interval.to, now)),
    input.compare ? aggregate(store, previousScope(scope)).then((r) => figures(totalOf(r.rows))) : null,
  ]);
  const perBucket = new Map<number, { costUsd: number; unpricedRequests: number }>();
  const perModel = new Map<string, { provider: string; model: string; agg: Agg }>();
  for (const r of rows) {
    const point = perBucket.get(r.bucket ?? 0) ?? { costUsd: 0, unpricedRequests: 0 };
    point.costUsd += r.agg.costUsd;
    point.unpricedRequests += r.agg.unpricedRequests;
    perBucket.set(r.bucket ?? 0, point);
    const ref = modelRef(r.key);
    const m = perModel.get(modelId(ref)) ?? { ...ref, agg: emptyAgg() };
    mergeAgg(m.agg, r.agg);
    perModel.set(modelId(ref), m);
  }
  const total = totalOf(rows);
  const { from, to } = scope.interval;
  return {
    ...figures(total),
    series: gapFill(from, to, scope.bucket, scope.timezone, perBucket, () => ({ costUsd: 0, unpricedRequests: 0 })),
    byModel: [...perModel.values()]
      .map(({ provider, model, agg }) => {
        const { total: costUsd, ...rest } = figures(agg);
        return { provider, model, costUsd, ...rest, share: ratio(costUsd, total.costUsd) };
      })
      .sort((a, b) => b.costUsd - a.costUsd || b.unpricedRequests - a.unpricedRequests || compareModels(a, b)),
    forecast,
    previous,
  };
}
