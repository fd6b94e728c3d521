/**
 * Slow, obvious reference implementations for the KPI tests: plain loops over the generated
 * events, sharing no code with packages/server/src/queries or src/time.
 */
import type { Filters } from "@promptmeter/schema";
import type { OracleEvent, OracleFeedback } from "./fixture.js";

export function inRange(ts: number, from: number, to: number): boolean {
  return ts >= from && ts < to;
}

export function matches(e: OracleEvent, f: Filters): boolean {
  if (f.model !== undefined && e.model !== f.model) return false;
  if (f.provider !== undefined && e.provider !== f.provider) return false;
  if (f.userId !== undefined && e.userId !== f.userId) return false;
  if (f.environment !== undefined && e.environment !== f.environment) return false;
  if (f.feature !== undefined && e.feature !== f.feature) return false;
  if (f.release !== undefined && e.release !== f.release) return false;
  if (f.status !== undefined && e.status !== f.status) return false;
  for (const t of f.tags ?? []) if (!e.tags.includes(t)) return false;
  return true;
}

export function select(events: readonly OracleEvent[], from: number, to: number, f: Filters): OracleEvent[] {
  return events.filter((e) => inRange(e.ts, from, to) && matches(e, f));
}

/** Nearest-rank percentile over raw values; null for none. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

export function div(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** The events latency figures cover: successes, or the filtered status. */
export function latencyEligible(events: readonly OracleEvent[], f: Filters): OracleEvent[] {
  const status = f.status ?? "success";
  return events.filter((e) => e.status === status);
}

export function hasEventFilter(f: Filters): boolean {
  return Object.values(f).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
}

/** Feedback in range; with event filters only feedback on a matching event. */
export function selectFeedback(
  feedback: readonly OracleFeedback[],
  events: readonly OracleEvent[],
  from: number,
  to: number,
  f: Filters,
): OracleFeedback[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  return feedback.filter((fb) => {
    if (!inRange(fb.ts, from, to)) return false;
    if (!hasEventFilter(f)) return true;
    const e = fb.eventId === null ? undefined : byId.get(fb.eventId);
    return e !== undefined && matches(e, f);
  });
}

const labelFormats = new Map<string, Intl.DateTimeFormat>();
/** Local wall-clock label "YYYY-MM-DD HH:mm" via Intl's sv-SE format (independent of src/time). */
export function localLabel(ts: number, timeZone: string): string {
  let f = labelFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("sv-SE", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    labelFormats.set(timeZone, f);
  }
  return f.format(ts);
}

const QUARTER = 15 * 60_000;
function bucketLabel(ts: number, size: "hour" | "day" | "week", timeZone: string): string {
  const label = localLabel(ts, timeZone);
  if (size === "hour") return label.slice(0, 13);
  if (size === "day") return label.slice(0, 10);
  // Week label: the local date of the Monday on or before.
  const [y, m, d] = label.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const back = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - back);
  return date.toISOString().slice(0, 10);
}

const startCache = new Map<string, number>();
/** Start of the local bucket holding ts: walk back in quarter hours until the label changes. */
export function oracleBucketStart(ts: number, size: "minute" | "hour" | "day" | "week", timeZone: string): number {
  if (size === "minute") return ts - (ts % 60_000);
  const label = bucketLabel(ts, size, timeZone);
  const cacheKey = `${size}|${timeZone}|${label}`;
  const cached = startCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let t = ts - (ts % QUARTER);
  while (bucketLabel(t - QUARTER, size, timeZone) === label) t -= QUARTER;
  startCache.set(cacheKey, t);
  return t;
}

/** Every local bucket start overlapping [from, to), found by walking forward in quarter hours (or minutes). */
export function oracleBucketStarts(from: number, to: number, size: "minute" | "hour" | "day" | "week", timeZone: string): number[] {
  const starts: number[] = [];
  if (size === "minute") {
    for (let t = from - (from % 60_000); t < to; t += 60_000) starts.push(t);
    return starts;
  }
  starts.push(oracleBucketStart(from, size, timeZone));
  for (let t = from - (from % QUARTER) + QUARTER; t < to; t += QUARTER) {
    const s = oracleBucketStart(t, size, timeZone);
    if (s !== starts[starts.length - 1]) starts.push(s);
  }
  return starts;
}

/** Relative difference, treating two nulls as equal. */
export function relErr(actual: number | null, expected: number | null): number {
  if (actual === null || expected === null) return actual === expected ? 0 : Number.POSITIVE_INFINITY;
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Events grouped by local bucket: one entry per bucket overlapping [from, to), empty ones included. */
export function oracleSeries<T extends { ts: number }>(
  events: readonly T[],
  from: number,
  to: number,
  size: "minute" | "hour" | "day" | "week",
  timeZone: string,
): { start: number; events: T[] }[] {
  const buckets = oracleBucketStarts(from, to, size, timeZone).map((start) => ({ start, events: [] as T[] }));
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  for (const e of events) byStart.get(oracleBucketStart(e.ts, size, timeZone))?.events.push(e);
  return buckets;
}
