import type { Kysely } from "kysely";
import type {
  Database,
  RollupReliabilityDailyTable,
  RollupReliabilityDirtyTable,
  RollupReliabilityHourlyTable,
  RollupReliabilitySlicesTable,
} from "../db/tables.js";
import { mergeReliability, type ReliabilityEvent, type ReliabilitySummary, summarizeReliability } from "./reliability-summary.js";

/** The finest stored stretch: a range's partial hour reads at most 10 minutes of raw events. */
export const SLICE = 600_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** What a stored reliability row holds beyond its project and hour or day. */
type SummaryColumns = Omit<RollupReliabilityHourlyTable, "project_id" | "hour">;

/** A reliability row's columns after its key (project, hour or day, provider, model). */
export const RELIABILITY_SUMMARY_COLUMNS = [
  "first_ts",
  "first_failed",
  "first_success_ts",
  "recovered",
  "recovery_ms",
  "open_start",
  "traffic_minutes",
  "down_minutes",
  "down_runs",
  "first_minute_down",
  "last_minute_down",
] as const satisfies readonly (keyof SummaryColumns)[];

/** Column order of rollup_reliability_hourly inserts on both dialects. */
export const RELIABILITY_COLUMNS = ["project_id", "hour", "provider", "model", ...RELIABILITY_SUMMARY_COLUMNS] as const;

/** Column order of rollup_reliability_slices inserts. */
export const RELIABILITY_SLICE_COLUMNS = ["project_id", "slice", "provider", "model", ...RELIABILITY_SUMMARY_COLUMNS] as const;

/** Column order of rollup_reliability_daily inserts. */
export const RELIABILITY_DAILY_COLUMNS = ["project_id", "day", "provider", "model", ...RELIABILITY_SUMMARY_COLUMNS] as const;

/** The stored row of one provider+model hour. */
export function reliabilityRow(projectId: string, hour: number, s: ReliabilitySummary): RollupReliabilityHourlyTable {
  return { project_id: projectId, hour, ...summaryColumns(s) };
}

/** The stored row of one provider+model 10-minute slice. */
export function reliabilitySliceRow(projectId: string, slice: number, s: ReliabilitySummary): RollupReliabilitySlicesTable {
  return { project_id: projectId, slice, ...summaryColumns(s) };
}

/** The stored row of one provider+model UTC day. */
export function reliabilityDailyRow(projectId: string, day: number, s: ReliabilitySummary): RollupReliabilityDailyTable {
  return { project_id: projectId, day, ...summaryColumns(s) };
}

function summaryColumns(s: ReliabilitySummary): SummaryColumns {
  return {
    provider: s.provider,
    model: s.model,
    first_ts: s.firstTs,
    first_failed: s.firstFailed ? 1 : 0,
    first_success_ts: s.firstSuccessTs,
    recovered: s.recovered,
    recovery_ms: s.recoveryMs,
    open_start: s.openStart,
    traffic_minutes: s.trafficMinutes,
    down_minutes: s.downMinutes,
    down_runs: JSON.stringify(s.downRuns),
    first_minute_down: s.firstMinuteDown ? 1 : 0,
    last_minute_down: s.lastMinuteDown ? 1 : 0,
  };
}

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A stored row back as the summary it was made from. */
export function reliabilitySummaryOf(row: SummaryColumns): ReliabilitySummary {
  return {
    provider: row.provider,
    model: row.model,
    firstTs: Number(row.first_ts),
    firstFailed: Number(row.first_failed) === 1,
    firstSuccessTs: numberOrNull(row.first_success_ts),
    recovered: Number(row.recovered),
    recoveryMs: Number(row.recovery_ms),
    openStart: numberOrNull(row.open_start),
    trafficMinutes: Number(row.traffic_minutes),
    downMinutes: Number(row.down_minutes),
    downRuns: row.down_runs === "[]" ? [] : (JSON.parse(row.down_runs) as [number, number][]),
    firstMinuteDown: Number(row.first_minute_down) === 1,
    lastMinuteDown: Number(row.last_minute_down) === 1,
  };
}

/** The hours a batch touched (from its per-minute deltas), in key order: the reliability rows to rebuild. */
export function dirtyHoursOf(minutes: readonly { project_id: string; minute: number; requests: number }[]): RollupReliabilityDirtyTable[] {
  const byKey = new Map<string, RollupReliabilityDirtyTable>();
  for (const m of minutes) {
    const hour = m.minute - (m.minute % HOUR);
    const key = `${m.project_id}\u0000${hour}`;
    const d = byKey.get(key);
    if (d) d.events += m.requests;
    else byKey.set(key, { project_id: m.project_id, hour, events: m.requests });
  }
  return [...byKey.values()].sort((a, b) => (a.project_id < b.project_id ? -1 : a.project_id > b.project_id ? 1 : a.hour - b.hour));
}

/**
 * A project's requests in [from, to) in the order streaks are defined by: per provider+model, by
 * time, ties by id (the database's text order, as the raw reliability path uses).
 */
export function orderedReliabilityEvents(
  db: Kysely<Database>,
  projectId: string,
  from: number,
  to: number,
  only: { provider?: string; model?: string } = {},
): Promise<ReliabilityEvent[]> {
  let q = db
    .selectFrom("events")
    .where("events.project_id", "=", projectId)
    .where("events.ts", ">=", from)
    .where("events.ts", "<", to)
    .select(["events.provider", "events.model", "events.ts", "events.status", "events.error_type"]);
  if (only.provider !== undefined) q = q.where("events.provider", "=", only.provider);
  if (only.model !== undefined) q = q.where("events.model", "=", only.model);
  return q.orderBy("events.provider").orderBy("events.model").orderBy("events.ts").orderBy("events.id").execute();
}

/**
 * One hour's summaries per provider+model and per 10-minute slice, from its events in
 * (provider, model, ts, id) order (a slice's events keep that order).
 */
export function summarizeHour(
  events: readonly ReliabilityEvent[],
  hour: number,
): { hour: ReliabilitySummary[]; slices: { slice: number; summaries: ReliabilitySummary[] }[] } {
  const bySlice = new Map<number, ReliabilityEvent[]>();
  for (const e of events) {
    const slice = hour + Math.floor((Number(e.ts) - hour) / SLICE) * SLICE;
    const list = bySlice.get(slice);
    if (list) list.push(e);
    else bySlice.set(slice, [e]);
  }
  const slices = [...bySlice.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([slice, list]) => ({ slice, summaries: summarizeReliability(list) }));
  // The hour is its slices merged in order: one pass over the events, not two.
  const merged = new Map<string, ReliabilitySummary>();
  for (const { summaries } of slices) {
    for (const s of summaries) {
      const key = `${s.provider}\u0000${s.model}`;
      const before = merged.get(key);
      merged.set(key, before ? mergeReliability(before, s) : s);
    }
  }
  return { hour: [...merged.values()], slices };
}

/** Rebuilds the hour and slice rows of the given hours from their events (the caller owns the transaction). */
export async function rebuildReliabilityHours(db: Kysely<Database>, hours: readonly { project_id: string; hour: number }[]): Promise<void> {
  for (const { project_id, hour } of hours) {
    const h = Number(hour);
    const built = summarizeHour(await orderedReliabilityEvents(db, project_id, h, h + HOUR), h);
    await db.deleteFrom("rollup_reliability_hourly").where("project_id", "=", project_id).where("hour", "=", h).execute();
    await db
      .deleteFrom("rollup_reliability_slices")
      .where("project_id", "=", project_id)
      .where("slice", ">=", h)
      .where("slice", "<", h + HOUR)
      .execute();
    // Chunks of 500 rows stay under SQLite's bound-parameter limit.
    for (let i = 0; i < built.hour.length; i += 500) {
      const rows = built.hour.slice(i, i + 500).map((s) => reliabilityRow(project_id, h, s));
      await db.insertInto("rollup_reliability_hourly").values(rows).execute();
    }
    const sliceRows = built.slices.flatMap(({ slice, summaries }) => summaries.map((s) => reliabilitySliceRow(project_id, slice, s)));
    for (let i = 0; i < sliceRows.length; i += 500) {
      await db
        .insertInto("rollup_reliability_slices")
        .values(sliceRows.slice(i, i + 500))
        .execute();
    }
  }
}

/** The UTC days holding the given hours, in order. */
export function daysOf(hours: readonly number[]): number[] {
  return [...new Set(hours.map((h) => Number(h) - (Number(h) % DAY)))].sort((a, b) => a - b);
}

/** One summary per provider+model of a day, from its hour rows in (provider, model, hour) order. */
export function mergeDay(hourRows: readonly SummaryColumns[]): ReliabilitySummary[] {
  const out: ReliabilitySummary[] = [];
  let current: ReliabilitySummary | null = null;
  for (const row of hourRows) {
    const s = reliabilitySummaryOf(row);
    if (current && current.provider === s.provider && current.model === s.model) current = mergeReliability(current, s);
    else {
      if (current) out.push(current);
      current = s;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * Rebuilds a project's rollup_reliability_daily rows of the given days from their hour rows (the
 * caller owns the transaction). Upserted: a model's day row never disappears, as its hours do not.
 */
export async function rebuildReliabilityDays(db: Kysely<Database>, projectId: string, days: readonly number[]): Promise<void> {
  for (const day of days) {
    const hours = await db
      .selectFrom("rollup_reliability_hourly")
      .where("project_id", "=", projectId)
      .where("hour", ">=", day)
      .where("hour", "<", day + DAY)
      .selectAll()
      .orderBy("provider")
      .orderBy("model")
      .orderBy("hour")
      .execute();
    const rows = mergeDay(hours).map((s) => reliabilityDailyRow(projectId, day, s));
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto("rollup_reliability_daily")
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(["project_id", "day", "provider", "model"]).doUpdateSet((eb) => {
            const set: Record<string, unknown> = {};
            for (const c of RELIABILITY_SUMMARY_COLUMNS) set[c] = eb.ref(`excluded.${c}`);
            return set as never;
          }),
        )
        .execute();
    }
  }
}
