import type { Filters, KpiQuery } from "@promptmeter/schema";
import { type BucketSize, chooseBucket, type Interval, previousInterval, resolveRange, zoneOffset } from "../time/index.js";

/** Everything a KPI query needs to know, resolved once: project, absolute interval, bucket, zone, filters. */
export interface Scope {
  projectId: string;
  interval: Interval;
  bucket: BucketSize;
  timezone: string;
  filters: Filters;
  /**
   * Results shared by the queries of one procedure call (e.g. raw events at a range's partial-hour
   * edges, which every aggregation over that range needs). Created per call by `toScope`, so nothing
   * outlives the request; a scope without one shares nothing.
   */
  memo?: Map<string, Promise<unknown>>;
}

/** Runs `load` once per key within a scope's call (every time when the scope has no memo). */
export function memoized<T>(scope: Scope, key: string, load: () => Promise<T>): Promise<T> {
  if (!scope.memo) return load();
  let hit = scope.memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    scope.memo.set(key, hit);
  }
  return hit;
}

/** Resolves a validated `KpiQuery` for one project; `now` is injectable for tests. */
export function toScope(projectId: string, input: KpiQuery, now = Date.now()): Scope {
  const interval = resolveRange(input.range, now);
  return {
    projectId,
    interval,
    bucket: chooseBucket(input.bucket, interval.from, interval.to),
    timezone: input.timezone,
    filters: input.filters,
    memo: new Map(),
  };
}

/** The same scope over the previous period of equal length (for `compare`). */
export function previousScope(scope: Scope): Scope {
  return { ...scope, interval: previousInterval(scope.interval) };
}

const HOUR = 3_600_000;

/** True when no KPI filter is set (an empty tag list sets none): the case every rollup can answer. */
export function unfiltered(filters: Filters): boolean {
  return Object.values(filters).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/** True when the hourly rollup can answer for these filters (it has no user or tag dimension). */
export function rollupCanFilter(filters: Filters): boolean {
  return filters.userId === undefined && (filters.tags === undefined || filters.tags.length === 0);
}

/** True when every local hour in the interval starts on a UTC hour, so UTC-hour rollups map onto local buckets. */
export function zoneAlignsWithHours(timezone: string, interval: Interval): boolean {
  if (timezone === "UTC") return true;
  // Offsets change at most a few times a year; sampling every 6 hours catches any :30/:45 period.
  for (let t = interval.from; t < interval.to + 6 * HOUR; t += 6 * HOUR) {
    if (zoneOffset(Math.min(t, interval.to), timezone) % HOUR !== 0) return false;
  }
  return true;
}

/** True when every local day in the interval starts on a UTC day (offset 0 throughout), so UTC-day rollups map onto local days and weeks. */
export function zoneAlignsWithDays(timezone: string, interval: Interval): boolean {
  if (timezone === "UTC") return true;
  for (let t = interval.from; t < interval.to + 6 * HOUR; t += 6 * HOUR) {
    if (zoneOffset(Math.min(t, interval.to), timezone) !== 0) return false;
  }
  return true;
}
