import { localParts, zonedToUtc, zoneOffset } from "./zoned.js";

export type BucketSize = "minute" | "hour" | "day" | "week";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** `auto`: ≤ 2 h → minute, ≤ 3 d → hour, else day (SPEC.md §4). */
export function chooseBucket(bucket: BucketSize | "auto", from: number, to: number): BucketSize {
  if (bucket !== "auto") return bucket;
  const span = to - from;
  if (span <= 2 * HOUR) return "minute";
  if (span <= 3 * DAY) return "hour";
  return "day";
}

/** Start of the local bucket holding `ts`: local midnight for days, local Monday midnight for weeks. */
export function bucketStart(ts: number, size: BucketSize, timeZone: string): number {
  if (size === "minute") return Math.floor(ts / MINUTE) * MINUTE;
  if (size === "hour") {
    // Local hours start where local time is a whole hour; with a :30 or :45 offset that is not a UTC hour.
    const local = ts + zoneOffset(ts, timeZone);
    return ts - (((local % HOUR) + HOUR) % HOUR);
  }
  const p = localParts(ts, timeZone);
  if (size === "day") return zonedToUtc(p.year, p.month, p.day, 0, 0, timeZone);
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - p.weekday));
  return zonedToUtc(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), 0, 0, timeZone);
}

/** Start of the bucket after the one starting at `start` (a local day may be 23 or 25 hours long). */
export function nextBucketStart(start: number, size: BucketSize, timeZone: string): number {
  if (size === "minute") return start + MINUTE;
  if (size === "hour") return bucketStart(start + HOUR + 30 * MINUTE, "hour", timeZone);
  const p = localParts(start, timeZone);
  const days = size === "day" ? 1 : 7;
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return zonedToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone);
}

/** Every bucket start whose bucket overlaps [from, to), in order. */
export function bucketStarts(from: number, to: number, size: BucketSize, timeZone: string): number[] {
  const out: number[] = [];
  for (let t = bucketStart(from, size, timeZone); t < to; t = nextBucketStart(t, size, timeZone)) out.push(t);
  return out;
}

/**
 * Gap-fills a series: one entry per bucket in [from, to), `zero()` where `values` has no data.
 * `values` is keyed by bucket start (epoch ms).
 */
export function gapFill<T extends object>(
  from: number,
  to: number,
  size: BucketSize,
  timeZone: string,
  values: ReadonlyMap<number, T>,
  zero: () => T,
): ({ t: string } & T)[] {
  return bucketStarts(from, to, size, timeZone).map((start) => ({ t: new Date(start).toISOString(), ...(values.get(start) ?? zero()) }));
}
