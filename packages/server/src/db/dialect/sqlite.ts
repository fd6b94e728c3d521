import { createHash } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import {
  buildRollupDeltas,
  type DailyDelta,
  type EventRow,
  type HourlyDelta,
  type MinuteDelta,
  type MinuteTotalsDelta,
  type UserDailyDelta,
  type UsersDelta,
} from "../../rollups/deltas.js";
import type { ErrorMessageDelta } from "../../rollups/error-message-deltas.js";
import { buildFeedbackDeltas } from "../../rollups/feedback-deltas.js";
import { bucketOf, type Histogram, mergeHistogramText } from "../../rollups/latency-histogram.js";
import {
  DAY,
  daysOf,
  dirtyHoursOf,
  HOUR,
  mergeDay,
  RELIABILITY_COLUMNS,
  RELIABILITY_DAILY_COLUMNS,
  RELIABILITY_SLICE_COLUMNS,
  RELIABILITY_SUMMARY_COLUMNS,
  reliabilityDailyRow,
  reliabilityRow,
  reliabilitySliceRow,
  summarizeHour,
} from "../../rollups/reliability-hours.js";
import type { ReliabilityEvent } from "../../rollups/reliability-summary.js";
import { popcount, type UserBlockDelta } from "../../rollups/user-block-deltas.js";
import {
  DAILY_KEY,
  ERROR_MESSAGES_KEY,
  EVENT_COLUMNS,
  HOURLY_HISTOGRAMS,
  HOURLY_KEY,
  HOURLY_SUMS,
  MINUTE_KEY,
  MINUTE_SUMS,
  MINUTE_TOTALS_KEY,
  MINUTE_TOTALS_SUMS,
  USER_BLOCKS_KEY,
  USER_BLOCKS_SUMS,
  USER_DAILY_KEY,
  USER_DAILY_SUMS,
  USERS_KEY,
} from "../columns.js";
import type { Database } from "../tables.js";
import { groupCommit } from "./group-commit.js";
import type { EventBatch, FeedbackRow, MigrationDialect, Store } from "./types.js";

export const sqliteMigrationDialect: MigrationDialect = {
  name: "sqlite",
  autoIdType: "integer",
  clusteredTableSuffix: "WITHOUT ROWID",
  // SQLite's helper functions are registered on each connection in openSqliteStore.
  createHelpers: async () => {},
};

const FEEDBACK_COLUMNS = [
  "project_id",
  "id",
  "event_id",
  "session_id",
  "user_id",
  "ts",
  "score",
  "thumbs",
  "stars",
  "sentiment",
  "comment",
] as const;

/**
 * `(row, args) => { args[0] = row.a; args[1] = row.b; … }` for fixed column names: one
 * monomorphic property load per column, where a loop over names is a keyed load per column
 * (≈1 µs of the ~7 µs an event insert costs). Names are our own column constants.
 */
function argsCopier<T>(columns: readonly string[]): (row: T, args: unknown[]) => void {
  for (const c of columns) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`not a column name: ${c}`);
  return new Function("row", "args", columns.map((c, i) => `args[${i}] = row.${c};`).join("\n")) as (row: T, args: unknown[]) => void;
}

function upsertSql(table: string, key: readonly string[], sums: readonly string[], extra: readonly string[], extraSet: string[]): string {
  const cols = [...key, ...sums, ...extra];
  const sets = [...sums.map((c) => `${c} = ${c} + excluded.${c}`), ...extraSet];
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")}) ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${sets.join(", ")}`;
}

/**
 * Opens (creating if needed) a SQLite store. better-sqlite3 is synchronous and shares one
 * connection with Kysely, so library code must not hold a Kysely transaction open across
 * awaits here: the hot-path writer below would run inside it.
 */
export function openSqliteStore(path: string): Store {
  const conn = new BetterSqlite3(path);
  // 16 KB pages for new files (before WAL fixes the size; no effect on existing ones): 3 % smaller at 10M events, same ingest cost.
  conn.pragma("page_size = 16384");
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = NORMAL");
  conn.pragma("busy_timeout = 5000");
  conn.pragma("foreign_keys = ON");
  // Checkpoint every ~40 MB of WAL instead of ~4 MB: index and rollup pages rewritten by many commits are copied back once.
  conn.pragma("wal_autocheckpoint = 10000");
  // Planner statistics (bounded sampling): without them SQLite may probe the wrong index of a rollup table.
  conn.pragma("analysis_limit = 1000");
  conn.pragma("optimize = 0x10002");
  conn.function("pm_hist_merge", { deterministic: true }, (a: unknown, b: unknown) =>
    mergeHistogramText(a as string | null, b as string | null),
  );
  // PostgreSQL's md5(): error messages are keyed by it in rollup_error_messages_hourly.
  conn.function("md5", { deterministic: true }, (text: unknown) =>
    text === null ? null : createHash("md5").update(String(text), "utf8").digest("hex"),
  );
  // The histogram bucket of a latency, so raw-event edges are counted per bucket in SQL.
  conn.function("pm_hist_bucket", { deterministic: true }, (ms: unknown) => (ms === null ? null : bucketOf(Number(ms))));
  // Set bits of a non-negative integer below 2^53 (PostgreSQL's is bit_count): active days in a rollup_user_blocks mask.
  conn.function("pm_popcount", { deterministic: true }, (n: unknown) => (n === null ? null : popcount(Number(n))));
  // SUM for histograms, accumulated as an object and serialized once per group.
  conn.aggregate("pm_hist_sum", {
    start: () => ({}) as Histogram,
    step: (acc: Histogram, text: unknown) => {
      if (typeof text !== "string" || text === "{}") return acc;
      for (const [k, n] of Object.entries(JSON.parse(text) as Histogram)) acc[k] = (acc[k] ?? 0) + n;
      return acc;
    },
    result: (acc: Histogram) => JSON.stringify(acc),
  });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });

  // Prepared lazily: the tables exist only after the first migration.
  let statements: ReturnType<typeof prepare> | undefined;
  function prepare() {
    return {
      insertEvent: conn.prepare(
        `INSERT INTO events (${EVENT_COLUMNS.join(", ")}) VALUES (${EVENT_COLUMNS.map(() => "?").join(", ")}) ON CONFLICT (project_id, id) DO NOTHING`,
      ),
      insertPayload: conn.prepare(
        "INSERT INTO event_payloads (project_id, event_id, input, output) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      ),
      upsertHourly: conn.prepare(
        upsertSql(
          "rollup_hourly",
          HOURLY_KEY,
          HOURLY_SUMS,
          HOURLY_HISTOGRAMS,
          HOURLY_HISTOGRAMS.map((c) => `${c} = pm_hist_merge(${c}, excluded.${c})`),
        ),
      ),
      upsertDaily: conn.prepare(
        upsertSql(
          "rollup_daily",
          DAILY_KEY,
          HOURLY_SUMS,
          HOURLY_HISTOGRAMS,
          HOURLY_HISTOGRAMS.map((c) => `${c} = pm_hist_merge(${c}, excluded.${c})`),
        ),
      ),
      upsertUsers: conn.prepare(
        upsertSql(
          "rollup_users",
          USERS_KEY,
          [],
          ["first_ts", "last_ts"],
          ["first_ts = min(first_ts, excluded.first_ts)", "last_ts = max(last_ts, excluded.last_ts)"],
        ),
      ),
      upsertMinute: conn.prepare(upsertSql("rollup_minute", MINUTE_KEY, MINUTE_SUMS, [], [])),
      upsertMinuteTotals: conn.prepare(upsertSql("rollup_minute_totals", MINUTE_TOTALS_KEY, MINUTE_TOTALS_SUMS, [], [])),
      upsertErrorMessages: conn.prepare(
        upsertSql(
          "rollup_error_messages_hourly",
          ERROR_MESSAGES_KEY,
          ["failures"],
          ["error_message", "last_ts"],
          ["last_ts = max(last_ts, excluded.last_ts)"],
        ),
      ),
      upsertUserDaily: conn.prepare(
        upsertSql(
          "rollup_user_daily",
          USER_DAILY_KEY,
          USER_DAILY_SUMS,
          ["first_ts", "last_ts"],
          ["first_ts = min(first_ts, excluded.first_ts)", "last_ts = max(last_ts, excluded.last_ts)"],
        ),
      ),
      markReliability: conn.prepare(
        "INSERT INTO rollup_reliability_dirty (project_id, hour, events) VALUES (?, ?, ?) ON CONFLICT (project_id, hour) DO UPDATE SET events = events + excluded.events",
      ),
      upsertUserBlocks: conn.prepare(
        upsertSql("rollup_user_blocks", USER_BLOCKS_KEY, USER_BLOCKS_SUMS, ["days"], ["days = days | excluded.days"]),
      ),
      insertFeedback: conn.prepare(
        `INSERT INTO feedback (${FEEDBACK_COLUMNS.join(", ")}) VALUES (${FEEDBACK_COLUMNS.map(() => "?").join(", ")}) ON CONFLICT (project_id, id) DO NOTHING`,
      ),
    };
  }
  const stmts = () => {
    statements ??= prepare();
    return statements;
  };

  // Bound parameters are copied by SQLite during run(): one array per statement is reused for every row.
  const eventArgs: unknown[] = new Array(EVENT_COLUMNS.length);
  const copyEventArgs = argsCopier<EventRow>(EVENT_COLUMNS);
  const runWith = <T>(stmt: BetterSqlite3.Statement, copy: (row: T, args: unknown[]) => void, width: number, rows: readonly T[]) => {
    const args: unknown[] = new Array(width);
    for (const row of rows) {
      copy(row, args);
      stmt.run(args);
    }
  };
  const hourlyCols = [...HOURLY_KEY, ...HOURLY_SUMS, ...HOURLY_HISTOGRAMS] as const;
  const minuteCols = [...MINUTE_KEY, ...MINUTE_SUMS] as const;
  const minuteTotalsCols = [...MINUTE_TOTALS_KEY, ...MINUTE_TOTALS_SUMS] as const;
  const errorMessagesCols = [...ERROR_MESSAGES_KEY, "failures", "error_message", "last_ts"] as const;
  const userCols = [...USER_DAILY_KEY, ...USER_DAILY_SUMS, "first_ts", "last_ts"] as const;
  const dailyCols = [...DAILY_KEY, ...HOURLY_SUMS, ...HOURLY_HISTOGRAMS] as const;
  const usersCols = [...USERS_KEY, "first_ts", "last_ts"] as const;
  const copyHourly = argsCopier<HourlyDelta>(hourlyCols);
  const copyMinute = argsCopier<MinuteDelta>(minuteCols);
  const copyMinuteTotals = argsCopier<MinuteTotalsDelta>(minuteTotalsCols);
  const copyErrorMessages = argsCopier<ErrorMessageDelta>(errorMessagesCols);
  const copyUserDaily = argsCopier<UserDailyDelta>(userCols);
  const userBlockCols = [...USER_BLOCKS_KEY, ...USER_BLOCKS_SUMS, "days"] as const;
  const copyUserBlocks = argsCopier<UserBlockDelta>(userBlockCols);
  const copyDaily = argsCopier<DailyDelta>(dailyCols);
  const copyUsers = argsCopier<UsersDelta>(usersCols);

  /** Several batches in one transaction: each keeps its own count, the rollups get one upsert per touched row. */
  const writeGroupTx = conn.transaction((batches: EventBatch[]): number[] => {
    const s = stmts();
    const counts: number[] = [];
    const inserted = [];
    for (const batch of batches) {
      const fresh = new Set<string>();
      for (const row of batch.rows) {
        copyEventArgs(row, eventArgs);
        if (s.insertEvent.run(eventArgs).changes > 0) {
          inserted.push(row);
          fresh.add(row.id);
        }
      }
      counts.push(fresh.size);
      for (const p of batch.payloads) {
        if (fresh.has(p.event_id)) s.insertPayload.run(batch.projectId, p.event_id, p.input, p.output);
      }
    }
    if (inserted.length > 0) {
      const deltas = buildRollupDeltas(inserted);
      runWith(s.upsertHourly, copyHourly, hourlyCols.length, deltas.hourly);
      runWith(s.upsertMinute, copyMinute, minuteCols.length, deltas.minute);
      runWith(s.upsertMinuteTotals, copyMinuteTotals, minuteTotalsCols.length, deltas.minuteTotals);
      runWith(s.upsertErrorMessages, copyErrorMessages, errorMessagesCols.length, deltas.errorMessages);
      runWith(s.upsertUserDaily, copyUserDaily, userCols.length, deltas.userDaily);
      runWith(s.upsertUserBlocks, copyUserBlocks, userBlockCols.length, deltas.userBlocks);
      runWith(s.upsertDaily, copyDaily, dailyCols.length, deltas.daily);
      runWith(s.upsertUsers, copyUsers, usersCols.length, deltas.users);
      for (const d of dirtyHoursOf(deltas.minute)) s.markReliability.run(d.project_id, d.hour, d.events);
    }
    return counts;
  });

  const events = groupCommit((batches: EventBatch[]) => writeGroupTx(batches), {
    sizeOf: (b) => b.rows.length,
    maxRows: 20_000,
  });

  // Re-plan once the data has grown: after 10k, 20k, 40k… stored events (PRAGMA optimize skips unchanged tables).
  let stored = 0;
  let nextOptimize = 10_000;
  const noteStored = (n: number) => {
    stored += n;
    if (stored >= nextOptimize) {
      nextOptimize = stored * 2;
      conn.pragma("optimize");
    }
  };

  let feedbackStmts: Record<"upsertHourly" | "upsertModel" | "ratedEvent" | "insertUnrated", BetterSqlite3.Statement> | undefined;
  const writeFeedbackTx = conn.transaction((rows: FeedbackRow[]) => {
    const s = stmts();
    const inserted: FeedbackRow[] = [];
    for (const row of rows) if (s.insertFeedback.run(FEEDBACK_COLUMNS.map((c) => row[c])).changes > 0) inserted.push(row);
    feedbackStmts ??= {
      upsertHourly: conn.prepare(
        `INSERT INTO rollup_feedback_hourly (project_id, hour, bin, sentiment, feedback, score_sum) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, hour, bin, sentiment) DO UPDATE SET feedback = feedback + excluded.feedback, score_sum = score_sum + excluded.score_sum`,
      ),
      upsertModel: conn.prepare(
        `INSERT INTO rollup_feedback_model_hourly (project_id, hour, model, feature, feedback, score_sum) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, hour, model, feature) DO UPDATE SET feedback = feedback + excluded.feedback, score_sum = score_sum + excluded.score_sum`,
      ),
      ratedEvent: conn.prepare("SELECT model, feature FROM events WHERE project_id = ? AND id = ?"),
      insertUnrated: conn.prepare("INSERT INTO feedback_unrated (project_id, ts, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    };
    const f = feedbackStmts;
    for (const d of buildFeedbackDeltas(inserted)) f.upsertHourly.run(d.project_id, d.hour, d.bin, d.sentiment, d.feedback, d.score_sum);
    // The rated event's model and feature when it is already stored; otherwise the readers join the feedback to it at query time.
    const rated = new Map<
      string,
      { project_id: string; hour: number; model: string; feature: string; feedback: number; score_sum: number }
    >();
    for (const row of inserted) {
      if (row.event_id === null) continue;
      const e = f.ratedEvent.get(row.project_id, row.event_id) as { model: string; feature: string | null } | undefined;
      if (e === undefined) {
        f.insertUnrated.run(row.project_id, row.ts, row.id);
        continue;
      }
      const hour = Math.floor(row.ts / 3_600_000) * 3_600_000;
      const feature = e.feature ?? "";
      const k = `${row.project_id}\u0000${hour}\u0000${e.model}\u0000${feature}`;
      const d = rated.get(k);
      if (d) {
        d.feedback += 1;
        d.score_sum += row.score;
      } else rated.set(k, { project_id: row.project_id, hour, model: e.model, feature, feedback: 1, score_sum: row.score });
    }
    for (const d of rated.values()) f.upsertModel.run(d.project_id, d.hour, d.model, d.feature, d.feedback, d.score_sum);
    return inserted.length;
  });

  let reliabilityStmts:
    | Record<
        "dirty" | "events" | "clear" | "insert" | "clearSlices" | "insertSlice" | "unmark" | "dayHours" | "upsertDay",
        BetterSqlite3.Statement
      >
    | undefined;
  const reliabilityArgs: unknown[] = new Array(RELIABILITY_COLUMNS.length);
  const copyReliability = argsCopier<ReturnType<typeof reliabilityRow>>(RELIABILITY_COLUMNS);
  const reliabilitySliceArgs: unknown[] = new Array(RELIABILITY_SLICE_COLUMNS.length);
  const copyReliabilitySlice = argsCopier<ReturnType<typeof reliabilitySliceRow>>(RELIABILITY_SLICE_COLUMNS);
  const reliabilityDayArgs: unknown[] = new Array(RELIABILITY_DAILY_COLUMNS.length);
  const copyReliabilityDay = argsCopier<ReturnType<typeof reliabilityDailyRow>>(RELIABILITY_DAILY_COLUMNS);
  // Synchronous, in one transaction: no ingest batch can land between reading an hour and clearing its mark.
  const refreshReliabilityTx = conn.transaction((projectId: string, from: number, to: number) => {
    reliabilityStmts ??= {
      dirty: conn.prepare("SELECT hour FROM rollup_reliability_dirty WHERE project_id = ? AND hour >= ? AND hour < ? ORDER BY hour"),
      events: conn.prepare(
        "SELECT provider, model, ts, status, error_type FROM events WHERE project_id = ? AND ts >= ? AND ts < ? ORDER BY provider, model, ts, id",
      ),
      clear: conn.prepare("DELETE FROM rollup_reliability_hourly WHERE project_id = ? AND hour = ?"),
      insert: conn.prepare(
        `INSERT INTO rollup_reliability_hourly (${RELIABILITY_COLUMNS.join(", ")}) VALUES (${RELIABILITY_COLUMNS.map(() => "?").join(", ")})`,
      ),
      clearSlices: conn.prepare("DELETE FROM rollup_reliability_slices WHERE project_id = ? AND slice >= ? AND slice < ?"),
      insertSlice: conn.prepare(
        `INSERT INTO rollup_reliability_slices (${RELIABILITY_SLICE_COLUMNS.join(", ")}) VALUES (${RELIABILITY_SLICE_COLUMNS.map(() => "?").join(", ")})`,
      ),
      unmark: conn.prepare("DELETE FROM rollup_reliability_dirty WHERE project_id = ? AND hour = ?"),
      dayHours: conn.prepare(
        "SELECT * FROM rollup_reliability_hourly WHERE project_id = ? AND hour >= ? AND hour < ? ORDER BY provider, model, hour",
      ),
      upsertDay: conn.prepare(
        `INSERT INTO rollup_reliability_daily (${RELIABILITY_DAILY_COLUMNS.join(", ")}) VALUES (${RELIABILITY_DAILY_COLUMNS.map(() => "?").join(", ")})
         ON CONFLICT (project_id, day, provider, model) DO UPDATE SET ${RELIABILITY_SUMMARY_COLUMNS.map((c) => `${c} = excluded.${c}`).join(
           ", ",
         )}`,
      ),
    };
    const r = reliabilityStmts;
    const hours = (r.dirty.all(projectId, from, to) as { hour: number }[]).map((m) => m.hour);
    for (const hour of hours) {
      const built = summarizeHour(r.events.all(projectId, hour, hour + HOUR) as ReliabilityEvent[], hour);
      r.clear.run(projectId, hour);
      r.clearSlices.run(projectId, hour, hour + HOUR);
      for (const summary of built.hour) {
        copyReliability(reliabilityRow(projectId, hour, summary), reliabilityArgs);
        r.insert.run(reliabilityArgs);
      }
      for (const { slice, summaries } of built.slices) {
        for (const summary of summaries) {
          copyReliabilitySlice(reliabilitySliceRow(projectId, slice, summary), reliabilitySliceArgs);
          r.insertSlice.run(reliabilitySliceArgs);
        }
      }
      r.unmark.run(projectId, hour);
    }
    for (const day of daysOf(hours)) {
      const hourRows = r.dayHours.all(projectId, day, day + DAY) as Parameters<typeof mergeDay>[0];
      for (const summary of mergeDay(hourRows)) {
        copyReliabilityDay(reliabilityDailyRow(projectId, day, summary), reliabilityDayArgs);
        r.upsertDay.run(reliabilityDayArgs);
      }
    }
  });

  return {
    dialect: "sqlite",
    db,
    writeEvents: async (batch) => {
      const inserted = await events.write(batch);
      noteStored(inserted);
      return { inserted };
    },
    writeFeedback: async (rows) => ({ inserted: writeFeedbackTx(rows) }),
    refreshReliability: async (projectId, from, to) => refreshReliabilityTx(projectId, from, to),
    ping: async () => {
      conn.prepare("SELECT 1").get();
    },
    close: async () => {
      await events.flush();
      await db.destroy();
      if (conn.open) conn.close();
    },
  };
}
