import type { TokensFigures, TokensOutput, TokenTotals } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { gapFill } from "../time/index.js";
import { type Agg, aggregate, emptyAgg, mergeAgg, totalOf } from "./aggregate.js";
import { compareModels, type ModelRef, modelId, modelRef } from "./model-key.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

function tokenTotals(a: Agg): TokenTotals {
  return {
    input: a.inputTokens,
    output: a.outputTokens,
    cacheRead: a.cacheReadTokens,
    cacheWrite: a.cacheWriteTokens,
    reasoning: a.reasoningTokens,
  };
}

function figures(t: Agg): TokensFigures {
  return {
    requests: t.requests,
    totals: tokenTotals(t),
    avgInputPerRequest: ratio(t.inputTokens, t.requests),
    avgOutputPerRequest: ratio(t.outputTokens, t.requests),
    cacheReadShare: ratio(t.cacheReadTokens, t.inputTokens),
  };
}

/** kpi.tokens: the five token kinds per bucket and per provider + model, with per-request means. */
export async function tokens(store: Store, scope: Scope, input: { compare: boolean }): Promise<TokensOutput> {
  const [{ rows }, previous] = await Promise.all([
    aggregate(store, scope, { by: ["provider", "model"], perBucket: true }),
    input.compare ? aggregate(store, previousScope(scope)).then((r) => figures(totalOf(r.rows))) : null,
  ]);
  const perBucket = new Map<number, Agg>();
  const perModel = new Map<string, { ref: ModelRef; agg: Agg }>();
  for (const r of rows) {
    const bucket = r.bucket ?? 0;
    perBucket.set(bucket, mergeAgg(perBucket.get(bucket) ?? emptyAgg(), r.agg));
    const ref = modelRef(r.key);
    const m = perModel.get(modelId(ref)) ?? { ref, agg: emptyAgg() };
    perModel.set(modelId(ref), { ref, agg: mergeAgg(m.agg, r.agg) });
  }
  const points = new Map([...perBucket].map(([t, a]) => [t, tokenTotals(a)]));
  const byModel = [...perModel.values()].map(({ ref, agg: a }) => ({
    ...ref,
    requests: a.requests,
    ...tokenTotals(a),
    cacheReadShare: ratio(a.cacheReadTokens, a.inputTokens),
  }));
  return {
    ...figures(totalOf(rows)),
    series: gapFill(scope.interval.from, scope.interval.to, scope.bucket, scope.timezone, points, () => tokenTotals(emptyAgg())),
    byModel: byModel.sort((a, b) => b.input + b.output - (a.input + a.output) || b.requests - a.requests || compareModels(a, b)),
    previous,
  };
}
