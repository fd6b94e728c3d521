import { type RawBuilder, sql } from "kysely";
import { bucketStart } from "../time/index.js";
import { type Scope, zoneAlignsWithHours } from "./scope.js";

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
const HOUR = 60 * MINUTE;

/**
 * The coarsest slot (minute, quarter hour or hour) that never straddles one of the scope's
 * local bucket boundaries, so SQL can group by `ts / grain` and JS maps slots to buckets.
 * Every real zone's offset is a whole number of quarter hours.
 */
export function slotGrain(scope: Scope): number {
  if (scope.bucket === "minute") return MINUTE;
  return zoneAlignsWithHours(scope.timezone, scope.interval) ? HOUR : QUARTER;
}

/** `column / grain` (integer division on both dialects: the ts columns are bigint). */
export function slotOf(column: string, grain: number): RawBuilder<number> {
  return sql<number>`${sql.ref(column)} / ${sql.lit(grain)}`;
}

/** Maps slot numbers to local bucket starts of `size`, memoized (each distinct slot costs one zone lookup). */
export function slotBucketer(grain: number, size: Scope["bucket"], timezone: string): (slot: number) => number {
  const cache = new Map<number, number>();
  return (slot) => {
    let start = cache.get(slot);
    if (start === undefined) {
      start = bucketStart(Number(slot) * grain, size, timezone);
      cache.set(slot, start);
    }
    return start;
  };
}
