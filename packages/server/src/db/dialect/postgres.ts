import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { buildRollupDeltas } from "../../rollups/deltas.js";
import { buildFeedbackDeltas } from "../../rollups/feedback-deltas.js";
import { mergeHistogramText } from "../../rollups/latency-histogram.js";
import { daysOf, HOUR, rebuildReliabilityDays, rebuildReliabilityHours } from "../../rollups/reliability-hours.js";
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

export const postgresMigrationDialect: MigrationDialect = {
  name: "postgres",
  autoIdType: "bigserial",
  clusteredTableSuffix: null,
  async createHelpers(db) {
    // Sums two sparse histograms stored as JSON text; used by the rollup upsert.
    await sql`CREATE OR REPLACE FUNCTION pm_hist_merge(a text, b text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb)::text FROM (
          SELECT k, sum(v::bigint) AS n FROM (
            SELECT key AS k, value AS v FROM jsonb_each_text(coalesce(a, '{}')::jsonb)
            UNION ALL
            SELECT key, value FROM jsonb_each_text(coalesce(b, '{}')::jsonb)
          ) s GROUP BY k
        ) t
      $$`.execute(db);
    // SUM for histograms: merges every row's histogram of a group.
    await sql`CREATE OR REPLACE AGGREGATE pm_hist_sum(text) (SFUNC = pm_hist_merge, STYPE = text, INITCOND = '{}')`.execute(db);
  },
};

const INT8 = 20;
const NUMERIC = 1700;
/** int8 and numeric (what SUM and COUNT return) come back as numbers, like SQLite's. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

const EVENT_TYPES: Record<(typeof EVENT_COLUMNS)[number], string> = {
  project_id: "text",
  id: "text",
  ts: "int8",
  provider: "text",
  model: "text",
  response_model: "text",
  status: "text",
  error_type: "text",
  error_message: "text",
  http_status: "int4",
  input_tokens: "int8",
  output_tokens: "int8",
  cache_read_tokens: "int8",
  cache_write_tokens: "int8",
  reasoning_tokens: "int8",
  cost_usd: "float8",
  cost_source: "text",
  latency_ms: "float8",
  ttft_ms: "float8",
  streamed: "int2",
  retries: "int4",
  fallback: "int2",
  fallback_from: "text",
  cache_hit: "int2",
  user_id: "text",
  session_id: "text",
  trace_id: "text",
  feature: "text",
  environment: "text",
  release: "text",
  tags: "text",
  metadata: "text",
  has_payload: "int2",
};

const FEEDBACK_TYPES = {
  project_id: "text",
  id: "text",
  event_id: "text",
  session_id: "text",
  user_id: "text",
  ts: "int8",
  score: "float8",
  thumbs: "text",
  stars: "int4",
  sentiment: "text",
  comment: "text",
} as const;

/** `INSERT … SELECT * FROM unnest($1::t[], …)`: one prepared statement whatever the batch size. */
function unnestInsert(table: string, columns: readonly string[], typeOf: (c: string) => string, tail: string): string {
  const arrays = columns.map((c, i) => `$${i + 1}::${typeOf(c)}[]`).join(", ");
  return `INSERT INTO ${table} (${columns.join(", ")}) SELECT * FROM unnest(${arrays}) ${tail}`;
}

function columnArrays<T>(rows: readonly T[], columns: readonly string[]): unknown[][] {
  return columns.map((c) => rows.map((r) => (r as Record<string, unknown>)[c] ?? null));
}

const NEEDS_ESCAPE = /["\\]/;
/** One array element as pg would write it: strings quoted (backslash and quote escaped), numbers bare, null as NULL. */
function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return String(v);
  const s = String(v);
  return NEEDS_ESCAPE.test(s) ? `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : `"${s}"`;
}

/** `(row) => row.column` for a fixed column name: a monomorphic load where `row[name]` in a loop over names is a keyed one. */
function getter(column: string): (row: unknown) => unknown {
  if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`not a column name: ${column}`);
  return new Function("row", `return row.${column};`) as (row: unknown) => unknown;
}

/**
 * Per column, the PostgreSQL array literal of its values (`{"a","b",NULL}`, `{1,2.5}`): the text
 * pg would send for a JS array, built in one pass per column instead of pg's per-element
 * prepareValue/escape calls.
 */
function columnLiterals(rows: readonly unknown[], getters: readonly ((row: unknown) => unknown)[]): string[] {
  const out: string[] = new Array(getters.length);
  // join() makes one flat string; `+=` builds a rope that is flattened again when pg encodes it.
  const parts: string[] = new Array(rows.length);
  for (let c = 0; c < getters.length; c++) {
    const get = getters[c]!;
    for (let i = 0; i < rows.length; i++) parts[i] = arrayElement(get(rows[i]));
    out[c] = `{${parts.join(",")}}`;
  }
  return out;
}

const hourlyCols = [...HOURLY_KEY, ...HOURLY_SUMS, ...HOURLY_HISTOGRAMS];
const hourlyType = (c: string) =>
  HOURLY_HISTOGRAMS.includes(c as never) ||
  ["project_id", "provider", "model", "status", "error_type", "environment", "feature", "release"].includes(c)
    ? "text"
    : ["cost_usd", "latency_sum", "ttft_sum"].includes(c)
      ? "float8"
      : "int8";
const userCols = [...USER_DAILY_KEY, ...USER_DAILY_SUMS, "first_ts", "last_ts"];
const dailyCols = [...DAILY_KEY, ...HOURLY_SUMS, ...HOURLY_HISTOGRAMS];
const usersCols = [...USERS_KEY, "first_ts", "last_ts"];
const userBlockCols = [...USER_BLOCKS_KEY, ...USER_BLOCKS_SUMS, "days"];

/**
 * Rollup upsert that adds the sums only, returning every row's key, its histograms as they now
 * stand and whether the row is new (`xmax = 0`). It locks the rows in key order, as before;
 * the histograms of rows that existed are then merged here and set by `histogramUpdate`
 * (pm_hist_merge in SQL cost PostgreSQL ~100 µs a row).
 */
function sumsUpsert(table: string, key: readonly string[], columns: readonly string[]): string {
  return unnestInsert(
    table,
    columns,
    hourlyType,
    `ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${HOURLY_SUMS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ")}
     RETURNING ${key.join(", ")}, ${HOURLY_HISTOGRAMS.join(", ")}, (xmax = 0) AS fresh`,
  );
}

/** Sets merged histograms on rows the same transaction's `sumsUpsert` has locked. */
function histogramUpdate(table: string, key: readonly string[]): string {
  const columns = [...key, ...HOURLY_HISTOGRAMS];
  const arrays = columns.map((c, i) => `$${i + 1}::${hourlyType(c)}[]`).join(", ");
  return `UPDATE ${table} AS t SET ${HOURLY_HISTOGRAMS.map((c) => `${c} = d.${c}`).join(", ")}
    FROM unnest(${arrays}) AS d(${columns.join(", ")}) WHERE ${key.map((c) => `t.${c} = d.${c}`).join(" AND ")}`;
}

/** Column getters of every hot-path insert, in the order of its statement's parameters. */
const GETTERS = {
  events: EVENT_COLUMNS.map(getter),
  hourly: hourlyCols.map(getter),
  daily: dailyCols.map(getter),
  minute: [...MINUTE_KEY, ...MINUTE_SUMS].map(getter),
  errorMessages: [...ERROR_MESSAGES_KEY, "failures", "error_message", "last_ts"].map(getter),
  userDaily: userCols.map(getter),
  users: usersCols.map(getter),
  userBlocks: userBlockCols.map(getter),
  payloads: ["project_id", "event_id", "input", "output"].map(getter),
  hourlyHistograms: [...HOURLY_KEY, ...HOURLY_HISTOGRAMS].map(getter),
  dailyHistograms: [...DAILY_KEY, ...HOURLY_HISTOGRAMS].map(getter),
};

type HistogramRow = { latency_hist: string; ttft_hist: string };

/**
 * Runs a `sumsUpsert` and merges the histograms of the rows that already existed: the upsert
 * returns them as stored (locked by it until commit), the merge is done here, one UPDATE sets them.
 */
async function upsertWithHistograms(
  client: pg.PoolClient,
  deltas: readonly HistogramRow[],
  statements: { name: string; upsert: string; update: string },
  key: readonly string[],
  getters: { upsert: readonly ((row: unknown) => unknown)[]; update: readonly ((row: unknown) => unknown)[] },
): Promise<void> {
  if (deltas.length === 0) return;
  const res = await client.query<HistogramRow & { fresh: boolean }>({
    name: statements.name,
    text: statements.upsert,
    values: columnLiterals(deltas, getters.upsert),
  });
  const existed = res.rows.filter((r) => !r.fresh);
  if (existed.length === 0) return;
  const keyOf = (r: object) => key.map((c) => String((r as Record<string, unknown>)[c])).join("\u0000");
  const byKey = new Map(deltas.map((d) => [keyOf(d), d]));
  for (const row of existed) {
    const delta = byKey.get(keyOf(row));
    if (!delta) throw new Error(`${statements.name}: the upsert returned a row it was not given`);
    row.latency_hist = mergeHistogramText(row.latency_hist, delta.latency_hist);
    row.ttft_hist = mergeHistogramText(row.ttft_hist, delta.ttft_hist);
  }
  await client.query({ name: `${statements.name}_hist`, text: statements.update, values: columnLiterals(existed, getters.update) });
}

const SQL = {
  upsertErrorMessages: unnestInsert(
    "rollup_error_messages_hourly",
    [...ERROR_MESSAGES_KEY, "failures", "error_message", "last_ts"],
    (c) => (c === "hour" || c === "failures" || c === "last_ts" ? "int8" : "text"),
    `ON CONFLICT (${ERROR_MESSAGES_KEY.join(", ")}) DO UPDATE SET failures = rollup_error_messages_hourly.failures + excluded.failures, last_ts = greatest(rollup_error_messages_hourly.last_ts, excluded.last_ts)`,
  ),
  // One row back: how many were new and, only when some were not, which ones (parsing 2,000 returned rows cost more than the insert's other node work).
  insertEvents: `WITH ins AS (${unnestInsert(
    "events",
    EVENT_COLUMNS,
    (c) => EVENT_TYPES[c as keyof typeof EVENT_TYPES],
    "ON CONFLICT (project_id, id) DO NOTHING RETURNING project_id, id",
  )})
    SELECT count(*) AS n,
      CASE WHEN count(*) < $${EVENT_COLUMNS.length + 1}::int8 THEN array_agg(project_id) END AS projects,
      CASE WHEN count(*) < $${EVENT_COLUMNS.length + 1}::int8 THEN array_agg(id) END AS ids
    FROM ins`,
  insertPayloads: unnestInsert("event_payloads", ["project_id", "event_id", "input", "output"], () => "text", "ON CONFLICT DO NOTHING"),
  upsertHourly: sumsUpsert("rollup_hourly", HOURLY_KEY, hourlyCols),
  setHourlyHistograms: histogramUpdate("rollup_hourly", HOURLY_KEY),
  upsertDaily: sumsUpsert("rollup_daily", DAILY_KEY, dailyCols),
  setDailyHistograms: histogramUpdate("rollup_daily", DAILY_KEY),
  upsertUsers: unnestInsert(
    "rollup_users",
    usersCols,
    (c) => (c === "project_id" || c === "user_id" ? "text" : "int8"),
    `ON CONFLICT (${USERS_KEY.join(", ")}) DO UPDATE SET first_ts = least(rollup_users.first_ts, excluded.first_ts), last_ts = greatest(rollup_users.last_ts, excluded.last_ts)`,
  ),
  // The minute rows, their per-minute totals and the hours' reliability marks in one round trip; totals and marks go in key order (no deadlocks between writers).
  // A mark is updated, not skipped, when present: the row lock makes a concurrent refreshReliability wait for this batch (see below).
  upsertMinute: `WITH d AS (SELECT * FROM unnest(${[...MINUTE_KEY, ...MINUTE_SUMS]
    .map((c, i) => `$${i + 1}::${["project_id", "provider", "model"].includes(c) ? "text" : "int8"}[]`)
    .join(", ")}) AS d(${[...MINUTE_KEY, ...MINUTE_SUMS].join(", ")})),
    m AS (INSERT INTO rollup_minute (${[...MINUTE_KEY, ...MINUTE_SUMS].join(", ")}) SELECT * FROM d
      ON CONFLICT (${MINUTE_KEY.join(", ")}) DO UPDATE SET ${MINUTE_SUMS.map((c) => `${c} = rollup_minute.${c} + excluded.${c}`).join(", ")}),
    r AS (INSERT INTO rollup_reliability_dirty (project_id, hour, events)
      SELECT project_id, minute - minute % ${HOUR}, sum(requests) FROM d GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (project_id, hour) DO UPDATE SET events = rollup_reliability_dirty.events + excluded.events)
    INSERT INTO rollup_minute_totals (${[...MINUTE_TOTALS_KEY, ...MINUTE_TOTALS_SUMS].join(", ")})
      SELECT ${MINUTE_TOTALS_KEY.join(", ")}, ${MINUTE_TOTALS_SUMS.map((c) => `sum(${c})`).join(", ")} FROM d
      GROUP BY ${MINUTE_TOTALS_KEY.join(", ")} ORDER BY ${MINUTE_TOTALS_KEY.join(", ")}
    ON CONFLICT (${MINUTE_TOTALS_KEY.join(", ")}) DO UPDATE SET ${MINUTE_TOTALS_SUMS.map((c) => `${c} = rollup_minute_totals.${c} + excluded.${c}`).join(", ")}`,
  upsertUserDaily: unnestInsert(
    "rollup_user_daily",
    userCols,
    (c) => (["project_id", "user_id"].includes(c) ? "text" : c === "cost_usd" ? "float8" : "int8"),
    `ON CONFLICT (${USER_DAILY_KEY.join(", ")}) DO UPDATE SET ${[
      ...USER_DAILY_SUMS.map((c) => `${c} = rollup_user_daily.${c} + excluded.${c}`),
      "first_ts = least(rollup_user_daily.first_ts, excluded.first_ts)",
      "last_ts = greatest(rollup_user_daily.last_ts, excluded.last_ts)",
    ].join(", ")}`,
  ),
  upsertUserBlocks: unnestInsert(
    "rollup_user_blocks",
    userBlockCols,
    (c) => (c === "project_id" || c === "user_id" ? "text" : c === "cost_usd" ? "float8" : "int8"),
    `ON CONFLICT (${USER_BLOCKS_KEY.join(", ")}) DO UPDATE SET ${[
      ...USER_BLOCKS_SUMS.map((c) => `${c} = rollup_user_blocks.${c} + excluded.${c}`),
      "days = rollup_user_blocks.days | excluded.days",
    ].join(", ")}`,
  ),
  insertFeedback: unnestInsert(
    "feedback",
    Object.keys(FEEDBACK_TYPES),
    (c) => FEEDBACK_TYPES[c as keyof typeof FEEDBACK_TYPES],
    "ON CONFLICT (project_id, id) DO NOTHING RETURNING project_id, id, event_id, ts, score, sentiment",
  ),
  upsertFeedbackHourly: unnestInsert(
    "rollup_feedback_hourly",
    ["project_id", "hour", "bin", "sentiment", "feedback", "score_sum"],
    (c) => (c === "project_id" || c === "sentiment" ? "text" : c === "score_sum" ? "float8" : "int8"),
    "ON CONFLICT (project_id, hour, bin, sentiment) DO UPDATE SET feedback = rollup_feedback_hourly.feedback + excluded.feedback, score_sum = rollup_feedback_hourly.score_sum + excluded.score_sum",
  ),
  feedbackEventModels:
    "SELECT f.project_id, f.event_id, e.model, coalesce(e.feature, '') AS feature FROM unnest($1::text[], $2::text[]) AS f(project_id, event_id) JOIN events e ON e.project_id = f.project_id AND e.id = f.event_id",
  upsertFeedbackModelHourly: unnestInsert(
    "rollup_feedback_model_hourly",
    ["project_id", "hour", "model", "feature", "feedback", "score_sum"],
    (c) => (c === "project_id" || c === "model" || c === "feature" ? "text" : c === "score_sum" ? "float8" : "int8"),
    "ON CONFLICT (project_id, hour, model, feature) DO UPDATE SET feedback = rollup_feedback_model_hourly.feedback + excluded.feedback, score_sum = rollup_feedback_model_hourly.score_sum + excluded.score_sum",
  ),
  insertFeedbackUnrated: unnestInsert(
    "feedback_unrated",
    ["project_id", "ts", "id"],
    (c) => (c === "ts" ? "int8" : "text"),
    "ON CONFLICT DO NOTHING",
  ),
};

/** Opens a PostgreSQL store over a pool; several server processes may share one database. */
export function openPostgresStore(connectionString: string, options: { max?: number } = {}): Store {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Several batches (possibly of several projects) in one transaction; each keeps its own count. */
  const writeGroup = (batches: EventBatch[]): Promise<number[]> =>
    inTransaction(async (client) => {
      const rows = batches.flatMap((b) => b.rows);
      // Insert in (project, id) order: replicas writing overlapping ids then lock them in the same order instead of deadlocking.
      const key = (r: { project_id: string; id: string }) => `${r.project_id}\u0000${r.id}`;
      const ordered = rows.map((r) => ({ r, k: key(r) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
      const res = await client.query<{ n: number; projects: string[] | null; ids: string[] | null }>({
        name: "pm_insert_events",
        text: SQL.insertEvents,
        values: [
          ...columnLiterals(
            ordered.map((o) => o.r),
            GETTERS.events,
          ),
          rows.length,
        ],
      });
      const { n, projects, ids } = res.rows[0]!;
      if (n === 0) return batches.map(() => 0);
      const counts: number[] = [];
      const inserted = [];
      const payloads = [];
      if (n === rows.length) {
        // Every row was new (so no key repeats within the group either).
        for (const b of batches) {
          counts.push(b.rows.length);
          for (const r of b.rows) inserted.push(r);
          for (const p of b.payloads) payloads.push({ ...p, project_id: b.projectId });
        }
      } else {
        if (!projects || !ids || projects.length !== n || ids.length !== n)
          throw new Error("pm_insert_events: the new keys did not come back");
        // A key new to the table counts for the first batch of the group that holds it; later copies are duplicates.
        const fresh = new Set(ids.map((id, i) => key({ project_id: projects[i]!, id })));
        for (const b of batches) {
          const mine = new Set<string>();
          for (const r of b.rows) {
            const k = key(r);
            if (fresh.delete(k)) {
              inserted.push(r);
              mine.add(r.id);
            }
          }
          counts.push(mine.size);
          for (const p of b.payloads) if (mine.has(p.event_id)) payloads.push({ ...p, project_id: b.projectId });
        }
      }
      const deltas = buildRollupDeltas(inserted);
      await upsertWithHistograms(
        client,
        deltas.hourly,
        { name: "pm_upsert_hourly", upsert: SQL.upsertHourly, update: SQL.setHourlyHistograms },
        HOURLY_KEY,
        { upsert: GETTERS.hourly, update: GETTERS.hourlyHistograms },
      );
      await upsertWithHistograms(
        client,
        deltas.daily,
        { name: "pm_upsert_daily", upsert: SQL.upsertDaily, update: SQL.setDailyHistograms },
        DAILY_KEY,
        { upsert: GETTERS.daily, update: GETTERS.dailyHistograms },
      );
      await client.query({
        name: "pm_upsert_minute",
        text: SQL.upsertMinute,
        values: columnLiterals(deltas.minute, GETTERS.minute),
      });
      if (deltas.errorMessages.length > 0) {
        await client.query({
          name: "pm_upsert_error_messages",
          text: SQL.upsertErrorMessages,
          values: columnLiterals(deltas.errorMessages, GETTERS.errorMessages),
        });
      }
      if (deltas.userDaily.length > 0) {
        await client.query({
          name: "pm_upsert_user_daily",
          text: SQL.upsertUserDaily,
          values: columnLiterals(deltas.userDaily, GETTERS.userDaily),
        });
        await client.query({ name: "pm_upsert_users", text: SQL.upsertUsers, values: columnLiterals(deltas.users, GETTERS.users) });
        await client.query({
          name: "pm_upsert_user_blocks",
          text: SQL.upsertUserBlocks,
          values: columnLiterals(deltas.userBlocks, GETTERS.userBlocks),
        });
      }
      if (payloads.length > 0) {
        await client.query({
          name: "pm_insert_payloads",
          text: SQL.insertPayloads,
          values: columnLiterals(payloads, GETTERS.payloads),
        });
      }
      return counts;
    });
  // One write transaction at a time per process: batches arriving meanwhile join the next one.
  const events = groupCommit(writeGroup, { sizeOf: (b) => b.rows.length, maxRows: 20_000 });

  return {
    dialect: "postgres",
    db,
    writeEvents: async (batch: EventBatch) => ({ inserted: await events.write(batch) }),
    // The stored rows come back from the insert; their hourly sums are upserted in key order in the same transaction.
    writeFeedback: (rows: FeedbackRow[]) =>
      inTransaction(async (client) => {
        const key = (r: FeedbackRow) => `${r.project_id}\u0000${r.id}`;
        const ordered = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        const res = await client.query<Pick<FeedbackRow, "project_id" | "id" | "event_id" | "ts" | "score" | "sentiment">>({
          name: "pm_insert_feedback",
          text: SQL.insertFeedback,
          values: columnArrays(ordered, Object.keys(FEEDBACK_TYPES)),
        });
        if (res.rows.length > 0) {
          const cols = ["project_id", "hour", "bin", "sentiment", "feedback", "score_sum"];
          await client.query({
            name: "pm_upsert_feedback_hourly",
            text: SQL.upsertFeedbackHourly,
            values: columnArrays(buildFeedbackDeltas(res.rows), cols),
          });
        }
        // The rated event's model and feature when it is already stored (committed); otherwise the readers join the feedback to it at query time.
        const rating = res.rows.filter((r) => r.event_id !== null);
        if (rating.length > 0) {
          const models = await client.query<{ project_id: string; event_id: string; model: string; feature: string }>({
            name: "pm_feedback_event_models",
            text: SQL.feedbackEventModels,
            values: columnArrays(rating, ["project_id", "event_id"]),
          });
          const eventOf = new Map(models.rows.map((m) => [`${m.project_id}\u0000${m.event_id}`, m]));
          const rated = new Map<
            string,
            { project_id: string; hour: number; model: string; feature: string; feedback: number; score_sum: number }
          >();
          const unrated = [];
          for (const r of rating) {
            const e = eventOf.get(`${r.project_id}\u0000${r.event_id}`);
            if (e === undefined) {
              unrated.push(r);
              continue;
            }
            const hour = Math.floor(r.ts / 3_600_000) * 3_600_000;
            const k = `${r.project_id}\u0000${hour}\u0000${e.model}\u0000${e.feature}`;
            const d = rated.get(k);
            if (d) {
              d.feedback += 1;
              d.score_sum += r.score;
            } else rated.set(k, { project_id: r.project_id, hour, model: e.model, feature: e.feature, feedback: 1, score_sum: r.score });
          }
          if (rated.size > 0) {
            // In key order: upserts lock rows in one order across writers.
            const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
            const deltas = [...rated.values()].sort(
              (a, b) => cmp(a.project_id, b.project_id) || a.hour - b.hour || cmp(a.model, b.model) || cmp(a.feature, b.feature),
            );
            await client.query({
              name: "pm_upsert_feedback_model_hourly",
              text: SQL.upsertFeedbackModelHourly,
              values: columnArrays(deltas, ["project_id", "hour", "model", "feature", "feedback", "score_sum"]),
            });
          }
          if (unrated.length > 0) {
            await client.query({
              name: "pm_insert_feedback_unrated",
              text: SQL.insertFeedbackUnrated,
              values: columnArrays(unrated, ["project_id", "ts", "id"]),
            });
          }
        }
        return { inserted: res.rows.length };
      }),
    // Refreshes of one project take turns (a transaction-scoped advisory lock), so a day merged
    // from its hours sees every hour rebuilt before it. The marks are deleted first, in the same
    // transaction as the rebuild: a batch committing meanwhile either is seen by the rebuild's
    // (later) reads, or waits on the deleted mark's row lock and marks the hour again once this
    // commits. Nothing is lost between the two.
    refreshReliability: async (projectId, from, to) => {
      const stale = await db
        .selectFrom("rollup_reliability_dirty")
        .where("project_id", "=", projectId)
        .where("hour", ">=", from)
        .where("hour", "<", to)
        .select("hour")
        .limit(1)
        .execute();
      if (stale.length === 0) return;
      await db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`pm_reliability:${projectId}`}))`.execute(trx);
        const marks = await trx
          .deleteFrom("rollup_reliability_dirty")
          .where("project_id", "=", projectId)
          .where("hour", ">=", from)
          .where("hour", "<", to)
          .returning(["project_id", "hour"])
          .execute();
        marks.sort((a, b) => Number(a.hour) - Number(b.hour));
        await rebuildReliabilityHours(trx, marks);
        await rebuildReliabilityDays(trx, projectId, daysOf(marks.map((m) => Number(m.hour))));
      });
    },
    ping: async () => {
      await pool.query("SELECT 1");
    },
    close: async () => {
      await events.flush();
      await db.destroy();
    },
  };
}
