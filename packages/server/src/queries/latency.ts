import type { LatencyFigures, LatencyOutput } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { gapFill } from "../time/index.js";
import { type Agg, aggregate, totalOf } from "./aggregate.js";
import { latencyBins } from "./latency-bins.js";
import { previousScope, type Scope } from "./scope.js";
import { latencySummary } from "./summaries.js";

function figures(t: Agg): LatencyFigures {
  return {
    count: t.latencyCount,
    ...latencySummary(t.latencySum, t.latencyCount, t.latencyHist),
    ttft: { count: t.ttftCount, ...latencySummary(t.ttftSum, t.ttftCount, t.ttftHist) },
  };
}

/** kpi.latency: mean and histogram percentiles overall, per bucket and for TTFT, plus a distribution for a chart. */
export async function latency(store: Store, scope: Scope, input: { compare: boolean }): Promise<LatencyOutput> {
  const [{ rows }, previous] = await Promise.all([
    aggregate(store, scope, { perBucket: true, histograms: true }),
    input.compare ? aggregate(store, previousScope(scope), { histograms: true }).then((r) => figures(totalOf(r.rows))) : null,
  ]);
  // Without grouping dimensions there is one row per bucket.
  const points = new Map(
    rows.map((r) => [
      r.bucket ?? 0,
      { count: r.agg.latencyCount, ...latencySummary(r.agg.latencySum, r.agg.latencyCount, r.agg.latencyHist) },
    ]),
  );
  const total = totalOf(rows);
  return {
    ...figures(total),
    series: gapFill(scope.interval.from, scope.interval.to, scope.bucket, scope.timezone, points, () => ({
      count: 0,
      mean: null,
      p50: null,
      p95: null,
      p99: null,
    })),
    histogram: latencyBins(total.latencyHist),
    previous,
    percentiles: "histogram",
  };
}
