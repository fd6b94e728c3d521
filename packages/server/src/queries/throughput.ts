import type { ThroughputFigures, ThroughputOutput } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { gapFill, type Interval } from "../time/index.js";
import { type Agg, aggregate, totalOf } from "./aggregate.js";
import { type PeakMinute, peakMinute } from "./peak-minute.js";
import { previousScope, type Scope } from "./scope.js";

const MINUTE = 60_000;

function figures(t: Agg, peak: PeakMinute | null, interval: Interval): ThroughputFigures {
  return {
    requests: t.requests,
    success: t.requests - t.errors,
    error: t.errors,
    meanPerMinute: t.requests / ((interval.to - interval.from) / MINUTE),
    peakPerMinute: peak?.requests ?? 0,
    peakMinute: peak ? new Date(peak.minute).toISOString() : null,
  };
}

async function previousFigures(store: Store, scope: Scope): Promise<ThroughputFigures> {
  const [{ rows }, peak] = await Promise.all([aggregate(store, scope, { countsOnly: true }), peakMinute(store, scope)]);
  return figures(totalOf(rows), peak, scope.interval);
}

/** kpi.throughput: requests per bucket by status, and the mean and peak requests per minute. */
export async function throughput(store: Store, scope: Scope, input: { compare: boolean }): Promise<ThroughputOutput> {
  const [{ rows }, peak, previous] = await Promise.all([
    aggregate(store, scope, { perBucket: true, countsOnly: true }),
    peakMinute(store, scope),
    input.compare ? previousFigures(store, previousScope(scope)) : null,
  ]);
  const points = new Map(
    rows.map((r) => [r.bucket ?? 0, { requests: r.agg.requests, success: r.agg.requests - r.agg.errors, error: r.agg.errors }]),
  );
  return {
    ...figures(totalOf(rows), peak, scope.interval),
    series: gapFill(scope.interval.from, scope.interval.to, scope.bucket, scope.timezone, points, () => ({
      requests: 0,
      success: 0,
      error: 0,
    })),
    previous,
  };
}
