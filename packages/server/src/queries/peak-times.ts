import type { Filters, PeakTimesFigures, PeakTimesOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { localParts } from "../time/index.js";
import { aggregate } from "./aggregate.js";
import { eventConditions } from "./event-filters.js";
import { previousScope, type Scope, unfiltered } from "./scope.js";
import { slotBucketer, slotGrain, slotOf } from "./time-slots.js";

const MINUTE = 60_000;

/** True when rollup_minute_totals (per-minute requests and errors, no dimensions) can answer for these filters. */
function minuteTotalsCanFilter(filters: Filters): boolean {
  return unfiltered({ ...filters, status: undefined });
}

/** Requests of the scope's events in [from, to) per slot of `grain` ms, as [slot, requests] pairs. */
async function eventSlots(store: Store, scope: Scope, from: number, to: number, grain: number): Promise<[number, number][]> {
  const slot = slotOf("events.ts", grain);
  const rows = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, from, to, scope.filters))
    .select([slot.as("slot"), sql<number>`count(*)`.as("requests")])
    .groupBy(slot)
    .execute();
  return rows.map((r) => [Number(r.slot), Number(r.requests)]);
}

/**
 * Requests per slot from the per-minute totals (whole minutes) and raw events (partial minutes at
 * the edges): a month is ~43k narrow minute rows, against several times as many wide hourly
 * rollup rows (every dimension × status) at 10M events a month.
 */
async function minuteSlots(store: Store, scope: Scope, grain: number): Promise<[number, number][]> {
  const { from, to } = scope.interval;
  const a = Math.ceil(from / MINUTE) * MINUTE;
  const b = Math.floor(to / MINUTE) * MINUTE;
  const status = scope.filters.status;
  const requests =
    status === "error" ? sql<number>`sum(errors)` : status === "success" ? sql<number>`sum(requests - errors)` : sql<number>`sum(requests)`;
  const slot = slotOf("rollup_minute_totals.minute", grain);
  const [whole, head, tail] = await Promise.all([
    store.db
      .selectFrom("rollup_minute_totals")
      .where("rollup_minute_totals.project_id", "=", scope.projectId)
      .where("rollup_minute_totals.minute", ">=", a)
      .where("rollup_minute_totals.minute", "<", b)
      .select([slot.as("slot"), requests.as("requests")])
      .groupBy(slot)
      .execute(),
    from < a ? eventSlots(store, scope, from, a, grain) : [],
    b < to ? eventSlots(store, scope, b, to, grain) : [],
  ]);
  return [...whole.map((r): [number, number] => [Number(r.slot), Number(r.requests)]), ...head, ...tail];
}

/** Requests per local weekday (0 = Monday) × local hour, from local hour buckets. */
async function weekHourMatrix(store: Store, scope: Scope): Promise<number[][]> {
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const { from, to } = scope.interval;
  if (minuteTotalsCanFilter(scope.filters) && Math.ceil(from / MINUTE) < Math.floor(to / MINUTE)) {
    // Slots never straddle a local hour (quarter hours in :30/:45 zones), so each maps to one cell.
    const hourScope: Scope = { ...scope, bucket: "hour" };
    const grain = slotGrain(hourScope);
    const bucketOf = slotBucketer(grain, "hour", scope.timezone);
    for (const [slot, requests] of await minuteSlots(store, hourScope, grain)) {
      const p = localParts(bucketOf(slot), scope.timezone);
      matrix[p.weekday]![p.hour]! += requests;
    }
    return matrix;
  }
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
