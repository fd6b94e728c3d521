import type { Incident } from "@promptmeter/schema";
import { type SqlBool, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { OUTAGE_ERROR_TYPES } from "../rollups/deltas.js";
import type { Interval } from "../time/index.js";
import { eventConditions } from "./event-filters.js";
import { providerModelOnly } from "./reliability-rollup.js";
import type { Scope } from "./scope.js";

const MINUTE = 60_000;

/** One provider+model's minutes: how many had traffic, how many were down, and the incidents they form. */
export interface MinuteHealth {
  provider: string;
  model: string;
  trafficMinutes: number;
  downMinutes: number;
  incidents: Incident[];
}

/** Which part of the interval rollup_minute answers (whole minutes) and which partial-minute edges need raw events. */
function planMinutes(scope: Scope): { rollup: Interval | null; events: Interval[] } {
  const { from, to } = scope.interval;
  const a = Math.ceil(from / MINUTE) * MINUTE;
  const b = Math.floor(to / MINUTE) * MINUTE;
  if (!providerModelOnly(scope.filters) || a >= b) return { rollup: null, events: [scope.interval] };
  return { rollup: { from: a, to: b }, events: [...(from < a ? [{ from, to: a }] : []), ...(b < to ? [{ from: b, to }] : [])] };
}

/** Requests and outage failures per provider+model minute: whole minutes from the rollup, partial ones from events. */
function minuteCounts(store: Store, scope: Scope) {
  const plan = planMinutes(scope);
  // A literal, not a parameter: PostgreSQL matches GROUP BY expressions textually.
  const minute = sql<number>`events.ts - events.ts % ${sql.lit(MINUTE)}`;
  const outageTypes = sql.join([...OUTAGE_ERROR_TYPES].map((t) => sql.lit(t)));
  const fromEvents = (interval: Interval) =>
    store.db
      .selectFrom("events")
      .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
      .groupBy(["events.provider", "events.model", minute])
      .select([
        "events.provider",
        "events.model",
        minute.as("minute"),
        sql<number>`count(*)`.as("requests"),
        sql<number>`sum(case when events.status = 'error' and events.error_type in (${outageTypes}) then 1 else 0 end)`.as("outage"),
      ]);
  if (!plan.rollup) return fromEvents(scope.interval);
  let q = store.db
    .selectFrom("rollup_minute")
    .where("rollup_minute.project_id", "=", scope.projectId)
    .where("rollup_minute.minute", ">=", plan.rollup.from)
    .where("rollup_minute.minute", "<", plan.rollup.to)
    .select([
      "rollup_minute.provider",
      "rollup_minute.model",
      "rollup_minute.minute",
      "rollup_minute.requests",
      "rollup_minute.outage_errors as outage",
    ]);
  if (scope.filters.provider !== undefined) q = q.where("rollup_minute.provider", "=", scope.filters.provider);
  if (scope.filters.model !== undefined) q = q.where("rollup_minute.model", "=", scope.filters.model);
  // Edge minutes come from events, whole ones from the rollup: never the same minute twice.
  for (const interval of plan.events) q = q.unionAll(fromEvents(interval));
  return q;
}

const toIncident = (start: number, lastDown: number): Incident => ({
  start: new Date(start).toISOString(),
  end: new Date(lastDown + MINUTE).toISOString(),
  minutes: (lastDown + MINUTE - start) / MINUTE,
});

/**
 * Down minutes and incidents per provider+model. A minute with traffic is down when at least half
 * its requests failed with an outage error; an incident runs over consecutive down minutes among
 * the minutes with traffic, so a silent minute between two down minutes does not end it (no request
 * proved the provider back) while any minute with traffic that is up does. Window functions mark
 * where runs start and end in the database, so only those minutes (and one row per model for its
 * totals) travel, not every minute of the range.
 */
export async function minuteHealth(store: Store, scope: Scope): Promise<MinuteHealth[]> {
  const marked = store.db
    .selectFrom(minuteCounts(store, scope).as("m"))
    .select(["m.provider", "m.model", "m.minute", sql<number>`case when m.outage * 2 >= m.requests then 1 else 0 end`.as("down")]);
  const perModel = sql`partition by d.provider, d.model`;
  const inOrder = sql`partition by d.provider, d.model order by d.minute`;
  const flagged = store.db
    .selectFrom(marked.as("d"))
    .select([
      "d.provider",
      "d.model",
      "d.minute",
      "d.down",
      sql<number>`lag(d.down, 1, 0) over (${inOrder})`.as("prev_down"),
      sql<number>`lead(d.down, 1, 0) over (${inOrder})`.as("next_down"),
      sql<number>`row_number() over (${inOrder})`.as("rn"),
      sql<number>`count(*) over (${perModel})`.as("traffic"),
      sql<number>`sum(d.down) over (${perModel})`.as("downs"),
    ]);
  const rows = await store.db
    .selectFrom(flagged.as("f"))
    // The first minute of each model (for its totals) and the down minutes that start or end a run.
    .where(sql<SqlBool>`f.rn = 1 or (f.down = 1 and (f.prev_down = 0 or f.next_down = 0))`)
    .select(["f.provider", "f.model", "f.minute", "f.down", "f.prev_down", "f.next_down", "f.traffic", "f.downs"])
    .orderBy("f.minute")
    .execute();

  const models = new Map<string, MinuteHealth & { runStart: number }>();
  for (const r of rows) {
    const key = `${r.provider}\u0000${r.model}`;
    let m = models.get(key);
    if (!m) {
      m = {
        provider: r.provider,
        model: r.model,
        trafficMinutes: Number(r.traffic),
        downMinutes: Number(r.downs),
        incidents: [],
        runStart: 0,
      };
      models.set(key, m);
    }
    if (Number(r.down) !== 1) continue;
    const minute = Number(r.minute);
    if (Number(r.prev_down) === 0) m.runStart = minute;
    if (Number(r.next_down) === 0) m.incidents.push(toIncident(m.runStart, minute));
  }
  return [...models.values()].map(({ runStart: _, ...m }) => m);
}
