import type { Filters } from "@promptmeter/schema";
import { type Expression, type SqlBool, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { eventConditions } from "./event-filters.js";
import type { Scope } from "./scope.js";

const MINUTE = 60_000;

export interface PeakMinute {
  minute: number;
  requests: number;
}

/** rollup_minute keeps provider, model and error counts only. */
function minuteRollupCanFilter(f: Filters): boolean {
  return (
    f.userId === undefined &&
    f.environment === undefined &&
    f.feature === undefined &&
    f.release === undefined &&
    (f.tags === undefined || f.tags.length === 0)
  );
}

function busier(a: PeakMinute | null, b: PeakMinute | null): PeakMinute | null {
  if (!a || a.requests === 0) return b && b.requests > 0 ? b : null;
  if (!b || b.requests === 0) return a;
  return b.requests > a.requests || (b.requests === a.requests && b.minute < a.minute) ? b : a;
}

/** The busiest clock minute among the scope's events in [from, to), read from events. */
async function peakFromEvents(store: Store, scope: Scope, from: number, to: number): Promise<PeakMinute | null> {
  const minute = sql<number>`events.ts - (events.ts % ${sql.lit(MINUTE)})`;
  const row = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, from, to, scope.filters))
    .select([minute.as("minute"), sql<number>`count(*)`.as("requests")])
    .groupBy(minute)
    .orderBy(sql`count(*)`, "desc")
    .orderBy(minute, "asc")
    .limit(1)
    .executeTakeFirst();
  return row ? { minute: Number(row.minute), requests: Number(row.requests) } : null;
}

/** The busiest whole minute in [from, to) (minute-aligned), read from rollup_minute. */
async function peakFromRollup(store: Store, scope: Scope, from: number, to: number): Promise<PeakMinute | null> {
  const f = scope.filters;
  const requests =
    f.status === "error"
      ? sql<number>`sum(errors)`
      : f.status === "success"
        ? sql<number>`sum(requests - errors)`
        : sql<number>`sum(requests)`;
  if (f.model === undefined && f.provider === undefined) {
    // Summed over providers and models at ingest: one row per minute.
    const row = await store.db
      .selectFrom("rollup_minute_totals")
      .where("rollup_minute_totals.project_id", "=", scope.projectId)
      .where("rollup_minute_totals.minute", ">=", from)
      .where("rollup_minute_totals.minute", "<", to)
      .select(["rollup_minute_totals.minute", requests.as("requests")])
      .groupBy("rollup_minute_totals.minute")
      .orderBy(requests, "desc")
      .orderBy("rollup_minute_totals.minute", "asc")
      .limit(1)
      .executeTakeFirst();
    return row ? { minute: Number(row.minute), requests: Number(row.requests) } : null;
  }
  const row = await store.db
    .selectFrom("rollup_minute")
    .where((eb) => {
      const conds: Expression<SqlBool>[] = [
        eb("rollup_minute.project_id", "=", scope.projectId),
        eb("rollup_minute.minute", ">=", from),
        eb("rollup_minute.minute", "<", to),
      ];
      if (f.model !== undefined) conds.push(eb("rollup_minute.model", "=", f.model));
      if (f.provider !== undefined) conds.push(eb("rollup_minute.provider", "=", f.provider));
      return eb.and(conds);
    })
    .select(["rollup_minute.minute", requests.as("requests")])
    .groupBy("rollup_minute.minute")
    .orderBy(requests, "desc")
    .orderBy("rollup_minute.minute", "asc")
    .limit(1)
    .executeTakeFirst();
  return row ? { minute: Number(row.minute), requests: Number(row.requests) } : null;
}

/**
 * The clock minute with the most requests in the scope (earliest on a tie), or null without
 * traffic: whole minutes from rollup_minute when the filters allow, the partial minutes at the
 * range's edges (and everything else) from events.
 */
export async function peakMinute(store: Store, scope: Scope): Promise<PeakMinute | null> {
  const { from, to } = scope.interval;
  const a = Math.ceil(from / MINUTE) * MINUTE;
  const b = Math.floor(to / MINUTE) * MINUTE;
  if (!minuteRollupCanFilter(scope.filters) || a >= b) return peakFromEvents(store, scope, from, to);
  const parts = await Promise.all([
    peakFromRollup(store, scope, a, b),
    from < a ? peakFromEvents(store, scope, from, a) : null,
    b < to ? peakFromEvents(store, scope, b, to) : null,
  ]);
  return parts.reduce<PeakMinute | null>((best, p) => busier(best, p), null);
}
