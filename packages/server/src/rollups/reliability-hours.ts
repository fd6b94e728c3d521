import type { Kysely } from "kysely";
import type { Database, RollupReliabilityDirtyTable, RollupReliabilityHourlyTable } from "../db/tables.js";
import { type ReliabilityEvent, type ReliabilitySummary, summarizeReliability } from "./reliability-summary.js";

export const HOUR = 3_600_000;

/** Column order of rollup_reliability_hourly inserts on both dialects. */
export const RELIABILITY_COLUMNS = [
  "project_id",
  "hour",
  "provider",
  "model",
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
] as const satisfies readonly (keyof RollupReliabilityHourlyTable)[];

/** The stored row of one provider+model hour. */
export function reliabilityRow(projectId: string, hour: number, s: ReliabilitySummary): RollupReliabilityHourlyTable {
  return {
    project_id: projectId,
    hour,
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
export function reliabilitySummaryOf(row: Omit<RollupReliabilityHourlyTable, "project_id" | "hour">): ReliabilitySummary {
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

/** Rebuilds the reliability rows of the given hours from their events (the caller owns the transaction). */
export async function rebuildReliabilityHours(db: Kysely<Database>, hours: readonly { project_id: string; hour: number }[]): Promise<void> {
  for (const { project_id, hour } of hours) {
    const h = Number(hour);
    const summaries = summarizeReliability(await orderedReliabilityEvents(db, project_id, h, h + HOUR));
    await db.deleteFrom("rollup_reliability_hourly").where("project_id", "=", project_id).where("hour", "=", h).execute();
    // Chunks of 500 rows stay under SQLite's bound-parameter limit.
    for (let i = 0; i < summaries.length; i += 500) {
      const rows = summaries.slice(i, i + 500).map((s) => reliabilityRow(project_id, h, s));
      await db.insertInto("rollup_reliability_hourly").values(rows).execute();
    }
  }
}
