import type { PeakTimesFigures, PeakTimesOutput } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { localParts } from "../time/index.js";
import { aggregate } from "./aggregate.js";
import { previousScope, type Scope } from "./scope.js";

/** Requests per local weekday (0 = Monday) × local hour, from local hour buckets. */
async function weekHourMatrix(store: Store, scope: Scope): Promise<number[][]> {
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  // Local hour buckets: the rollup answers them whenever the zone's hours start on UTC hours.
  const { rows } = await aggregate(store, { ...scope, bucket: "hour" }, { perBucket: true, countsOnly: true });
  for (const r of rows) {
    if (r.bucket === null) continue;
    // Both fall-back hours (the repeated 01:00) land in the same cell, as a wall clock would show them.
    const p = localParts(r.bucket, scope.timezone);
    matrix[p.weekday]![p.hour]! += r.agg.requests;
  }
  return matrix;
}

/** The busiest cell, the earliest in the week on ties; null without traffic. */
function figures(matrix: number[][]): PeakTimesFigures {
  let requests = 0;
  let peak: PeakTimesFigures["peak"] = null;
  matrix.forEach((hours, weekday) => {
    hours.forEach((n, hour) => {
      requests += n;
      if (n > 0 && (peak === null || n > peak.requests)) peak = { weekday, hour, requests: n };
    });
  });
  return { requests, peak };
}

/** kpi.peakTimes: a 7 × 24 heatmap of requests by local weekday and hour in `timezone`, and its peak. */
export async function peakTimes(store: Store, scope: Scope, compare: boolean): Promise<PeakTimesOutput> {
  const [matrix, previous] = await Promise.all([
    weekHourMatrix(store, scope),
    compare ? weekHourMatrix(store, previousScope(scope)) : null,
  ]);
  return { ...figures(matrix), matrix, previous: previous ? figures(previous) : null };
}
