import type { ModelsOutput } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { histogramPercentile } from "../rollups/latency-histogram.js";
import { gapFill } from "../time/index.js";
import { type Agg, type AggRow, aggregate, emptyAgg, mergeAgg, totalOf } from "./aggregate.js";
import { compareModels, type ModelRef, modelId, modelRef } from "./model-key.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

const TOP = 5;

/** Folds rows into one Agg per provider + model, most requested first. */
function byModel(rows: readonly AggRow[]): { ref: ModelRef; agg: Agg }[] {
  const models = new Map<string, { ref: ModelRef; agg: Agg }>();
  for (const r of rows) {
    const ref = modelRef(r.key);
    const m = models.get(modelId(ref)) ?? { ref, agg: emptyAgg() };
    models.set(modelId(ref), { ref, agg: mergeAgg(m.agg, r.agg) });
  }
  return [...models.values()].sort((a, b) => b.agg.requests - a.agg.requests || compareModels(a.ref, b.ref));
}

/** kpi.models: popularity, cost, tokens, errors and p95 latency per provider + model; a series for the top 5 + other. */
export async function models(store: Store, scope: Scope, input: { compare: boolean }): Promise<ModelsOutput> {
  const by = ["provider", "model"] as const;
  // Two passes: histograms per model for p95 are cheap without buckets; the series needs no histograms.
  const [totals, buckets, previous] = await Promise.all([
    aggregate(store, scope, { by, histograms: true }),
    aggregate(store, scope, { by, perBucket: true, countsOnly: true }),
    input.compare ? aggregate(store, previousScope(scope), { by }) : null,
  ]);
  const ranked = byModel(totals.rows);
  const requests = totalOf(totals.rows).requests;
  const top = ranked.slice(0, TOP).map((m) => m.ref);
  const topIndex = new Map(top.map((m, i) => [modelId(m), i]));
  const points = new Map<number, { top: number[]; other: number }>();
  for (const r of buckets.rows) {
    const bucket = r.bucket ?? 0;
    const point = points.get(bucket) ?? { top: top.map(() => 0), other: 0 };
    const i = topIndex.get(modelId(modelRef(r.key)));
    if (i === undefined) point.other += r.agg.requests;
    else point.top[i]! += r.agg.requests;
    points.set(bucket, point);
  }
  return {
    requests,
    models: ranked.length,
    rows: ranked.map(({ ref, agg: a }) => ({
      ...ref,
      requests: a.requests,
      share: ratio(a.requests, requests),
      costUsd: a.costUsd,
      unpricedRequests: a.unpricedRequests,
      tokens: {
        input: a.inputTokens,
        output: a.outputTokens,
        cacheRead: a.cacheReadTokens,
        cacheWrite: a.cacheWriteTokens,
        reasoning: a.reasoningTokens,
      },
      errorRate: ratio(a.errors, a.requests),
      p95: histogramPercentile(a.latencyHist, 95),
    })),
    topModels: top,
    series: gapFill(scope.interval.from, scope.interval.to, scope.bucket, scope.timezone, points, () => ({
      top: top.map(() => 0),
      other: 0,
    })),
    previous: previous ? { requests: totalOf(previous.rows).requests, models: byModel(previous.rows).length } : null,
    percentiles: "histogram",
  };
}
