import type { LastRange, TimeRange } from "@promptmeter/schema";

const SPAN_MS: Record<LastRange, number> = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
};

/** A half-open interval [from, to) in epoch ms. */
export interface Interval {
  from: number;
  to: number;
}

/** Turns `{last}` into an absolute interval ending now; absolute ranges pass through. */
export function resolveRange(range: TimeRange, now = Date.now()): Interval {
  if ("last" in range) return { from: now - SPAN_MS[range.last], to: now };
  return { from: range.from, to: range.to };
}

/** The period of equal length just before `interval`, for `compare` deltas. */
export function previousInterval(interval: Interval): Interval {
  const span = interval.to - interval.from;
  return { from: interval.from - span, to: interval.from };
}

export function lastRangeMs(last: LastRange): number {
  return SPAN_MS[last];
}
