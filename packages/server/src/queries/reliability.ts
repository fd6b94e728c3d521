import type { Filters, Incident, ReliabilityFigures, ReliabilityOutput, ReliabilityRow } from "@promptmeter/schema";
import { type SqlBool, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { OUTAGE_ERROR_TYPES } from "../rollups/deltas.js";
import type { Interval } from "../time/index.js";
import { eventConditions } from "./event-filters.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

const MINUTE = 60_000;

/** One provider+model minute with traffic. */
interface MinuteCount {
  provider: string;
  model: string;
  minute: number;
  requests: number;
  /** Failures of the kinds that mean the provider is down. */
  outage: number;
}

/** A change of state in a provider+model's request sequence: a failure after a success (or first), or a success after a failure. */
interface Transition {
  provider: string;
  model: string;
  ts: number;
  status: "success" | "error";
}

const keyOf = (provider: string, model: string) => `${provider}\u0000${model}`;

/** rollup_minute has only the provider and model dimensions. */
function minuteRollupCanFilter(f: Filters): boolean {
  return (
    f.userId === undefined &&
    f.environment === undefined &&
    f.feature === undefined &&
    f.release === undefined &&
    f.status === undefined &&
    (f.tags === undefined || f.tags.length === 0)
  );
}

/** Which part of the interval rollup_minute answers (whole minutes) and which partial-minute edges need raw events. */
function planMinutes(scope: Scope): { rollup: Interval | null; events: Interval[] } {
  const { from, to } = scope.interval;
  const a = Math.ceil(from / MINUTE) * MINUTE;
  const b = Math.floor(to / MINUTE) * MINUTE;
  if (!minuteRollupCanFilter(scope.filters) || a >= b) return { rollup: null, events: [scope.interval] };
  return { rollup: { from: a, to: b }, events: [...(from < a ? [{ from, to: a }] : []), ...(b < to ? [{ from: b, to }] : [])] };
}

async function minuteCounts(store: Store, scope: Scope): Promise<MinuteCount[]> {
  const plan = planMinutes(scope);
  const out: MinuteCount[] = [];
  if (plan.rollup) {
    let q = store.db
      .selectFrom("rollup_minute")
      .where("project_id", "=", scope.projectId)
      .where("minute", ">=", plan.rollup.from)
      .where("minute", "<", plan.rollup.to)
      .select(["provider", "model", "minute", "requests", "outage_errors"]);
    if (scope.filters.provider !== undefined) q = q.where("provider", "=", scope.filters.provider);
    if (scope.filters.model !== undefined) q = q.where("model", "=", scope.filters.model);
    for (const r of await q.execute()) {
      out.push({
        provider: r.provider,
        model: r.model,
        minute: Number(r.minute),
        requests: Number(r.requests),
        outage: Number(r.outage_errors),
      });
    }
  }
  // A literal, not a parameter: PostgreSQL matches GROUP BY expressions textually.
  const minute = sql<number>`events.ts - events.ts % ${sql.lit(MINUTE)}`;
  const outageTypes = [...OUTAGE_ERROR_TYPES].map((t) => sql.lit(t));
  for (const interval of plan.events) {
    const rows = await store.db
      .selectFrom("events")
      .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
      .groupBy(["events.provider", "events.model", minute])
      .select([
        "events.provider",
        "events.model",
        minute.as("minute"),
        sql<number>`count(*)`.as("requests"),
        sql<number>`sum(case when events.status = 'error' and events.error_type in (${sql.join(outageTypes)}) then 1 else 0 end)`.as(
          "outage",
        ),
      ])
      .execute();
    for (const r of rows) {
      out.push({ provider: r.provider, model: r.model, minute: Number(r.minute), requests: Number(r.requests), outage: Number(r.outage) });
    }
  }
  return out;
}

/**
 * The requests where a provider+model's sequence (time order, ties by id) changes between failing
 * and succeeding. Window functions find them in the database, so only streak starts and recoveries
 * travel, not every request. Ids tie-break in the database's text order: byte order on SQLite and
 * on C-collated PostgreSQL; another collation can only reorder requests of the same millisecond.
 */
async function transitions(store: Store, scope: Scope): Promise<Transition[]> {
  const sequence = store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, scope.interval.from, scope.interval.to, scope.filters))
    .select([
      "events.provider",
      "events.model",
      "events.ts",
      "events.status",
      sql<string | null>`lag(events.status) over (partition by events.provider, events.model order by events.ts, events.id)`.as(
        "prev_status",
      ),
      sql<number>`row_number() over (partition by events.provider, events.model order by events.ts, events.id)`.as("rn"),
    ]);
  const rows = await store.db
    .selectFrom(sequence.as("s"))
    // A failure after a success or first, or a success after a failure.
    .where(sql<SqlBool>`s.status <> coalesce(s.prev_status, 'success')`)
    .select(["s.provider", "s.model", "s.ts", "s.status"])
    .orderBy("s.rn")
    .execute();
  return rows.map((r) => ({ provider: r.provider, model: r.model, ts: Number(r.ts), status: r.status }));
}

interface ModelState {
  provider: string;
  model: string;
  minutes: MinuteCount[];
  downMinutes: number;
  incidents: Incident[];
  recoveries: number[];
  ongoing: number;
}

function toIncident(start: number, lastDown: number): Incident {
  const end = lastDown + MINUTE;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString(), minutes: (end - start) / MINUTE };
}

/**
 * Down minutes and incidents of one provider+model. A minute with traffic is down when at least
 * half its requests failed with an outage error; an incident runs over consecutive down minutes
 * among the minutes with traffic, so a silent minute between two down minutes does not end it
 * (no request proved the provider back) but any minute with traffic that is up does.
 */
function foldMinutes(state: ModelState): void {
  state.minutes.sort((a, b) => a.minute - b.minute);
  let start: number | null = null;
  let lastDown = 0;
  for (const m of state.minutes) {
    if (m.outage * 2 >= m.requests) {
      state.downMinutes += 1;
      if (start === null) start = m.minute;
      lastDown = m.minute;
    } else if (start !== null) {
      state.incidents.push(toIncident(start, lastDown));
      start = null;
    }
  }
  if (start !== null) state.incidents.push(toIncident(start, lastDown));
}

/** Every failure streak's recovery time, and how many streaks had no success after them. */
function foldTransitions(state: ModelState, sequence: Transition[]): void {
  let streakStart: number | null = null;
  for (const t of sequence) {
    if (t.status === "error") streakStart = t.ts;
    else if (streakStart !== null) {
      state.recoveries.push(t.ts - streakStart);
      streakStart = null;
    }
  }
  if (streakStart !== null) state.ongoing += 1;
}

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

async function measure(store: Store, scope: Scope): Promise<{ figures: ReliabilityFigures; rows: ReliabilityRow[] }> {
  const [minutes, changes] = await Promise.all([minuteCounts(store, scope), transitions(store, scope)]);
  const states = new Map<string, ModelState>();
  for (const m of minutes) {
    const key = keyOf(m.provider, m.model);
    let s = states.get(key);
    if (!s) {
      s = { provider: m.provider, model: m.model, minutes: [], downMinutes: 0, incidents: [], recoveries: [], ongoing: 0 };
      states.set(key, s);
    }
    // Edge minutes come from events, whole ones from the rollup: never the same minute twice.
    s.minutes.push(m);
  }
  const sequences = new Map<string, Transition[]>();
  for (const t of changes) {
    const key = keyOf(t.provider, t.model);
    const list = sequences.get(key);
    if (list) list.push(t);
    else sequences.set(key, [t]);
  }
  let trafficMinutes = 0;
  let downMinutes = 0;
  const rows: ReliabilityRow[] = [];
  for (const [key, s] of states) {
    foldMinutes(s);
    foldTransitions(s, sequences.get(key) ?? []);
    trafficMinutes += s.minutes.length;
    downMinutes += s.downMinutes;
    rows.push({
      provider: s.provider,
      model: s.model,
      availability: 1 - s.downMinutes / s.minutes.length,
      incidents: s.incidents,
      mttrMs: mean(s.recoveries),
      ongoing: s.ongoing,
    });
  }
  // Code-unit order: the same on every machine, unlike localeCompare.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => a.availability - b.availability || cmp(a.provider, b.provider) || cmp(a.model, b.model));
  const figures: ReliabilityFigures = {
    availability: ratio(trafficMinutes - downMinutes, trafficMinutes),
    mttrMs: mean([...states.values()].flatMap((s) => s.recoveries)),
    incidentCount: rows.reduce((n, r) => n + r.incidents.length, 0),
    ongoing: rows.reduce((n, r) => n + r.ongoing, 0),
  };
  return { figures, rows };
}

/** kpi.reliability: availability, incidents and recovery time per provider+model. */
export async function reliability(store: Store, scope: Scope, compare: boolean): Promise<ReliabilityOutput> {
  const [current, previous] = await Promise.all([measure(store, scope), compare ? measure(store, previousScope(scope)) : null]);
  return { ...current.figures, rows: current.rows, previous: previous?.figures ?? null };
}
