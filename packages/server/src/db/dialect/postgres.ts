import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { buildRollupDeltas } from "../../rollups/deltas.js";
import {
  EVENT_COLUMNS,
  HOURLY_HISTOGRAMS,
  HOURLY_KEY,
  HOURLY_SUMS,
  MINUTE_KEY,
  MINUTE_SUMS,
  USER_DAILY_KEY,
  USER_DAILY_SUMS,
} from "../columns.js";
import type { Database } from "../tables.js";
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

const hourlyCols = [...HOURLY_KEY, ...HOURLY_SUMS, ...HOURLY_HISTOGRAMS];
const hourlyType = (c: string) =>
  HOURLY_HISTOGRAMS.includes(c as never) ||
  ["project_id", "provider", "model", "status", "error_type", "environment", "feature", "release"].includes(c)
    ? "text"
    : ["cost_usd", "latency_sum", "ttft_sum"].includes(c)
      ? "float8"
      : "int8";
const userCols = [...USER_DAILY_KEY, ...USER_DAILY_SUMS, "first_ts", "last_ts"];

const SQL = {
  insertEvents: unnestInsert(
    "events",
    EVENT_COLUMNS,
    (c) => EVENT_TYPES[c as keyof typeof EVENT_TYPES],
    "ON CONFLICT (project_id, id) DO NOTHING RETURNING id",
  ),
  insertPayloads: unnestInsert("event_payloads", ["project_id", "event_id", "input", "output"], () => "text", "ON CONFLICT DO NOTHING"),
  upsertHourly: unnestInsert(
    "rollup_hourly",
    hourlyCols,
    hourlyType,
    `ON CONFLICT (${HOURLY_KEY.join(", ")}) DO UPDATE SET ${[
      ...HOURLY_SUMS.map((c) => `${c} = rollup_hourly.${c} + excluded.${c}`),
      ...HOURLY_HISTOGRAMS.map((c) => `${c} = pm_hist_merge(rollup_hourly.${c}, excluded.${c})`),
    ].join(", ")}`,
  ),
  upsertMinute: unnestInsert(
    "rollup_minute",
    [...MINUTE_KEY, ...MINUTE_SUMS],
    (c) => (["project_id", "provider", "model"].includes(c) ? "text" : "int8"),
    `ON CONFLICT (${MINUTE_KEY.join(", ")}) DO UPDATE SET ${MINUTE_SUMS.map((c) => `${c} = rollup_minute.${c} + excluded.${c}`).join(", ")}`,
  ),
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
  insertFeedback: unnestInsert(
    "feedback",
    Object.keys(FEEDBACK_TYPES),
    (c) => FEEDBACK_TYPES[c as keyof typeof FEEDBACK_TYPES],
    "ON CONFLICT (project_id, id) DO NOTHING",
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

  return {
    dialect: "postgres",
    db,
    writeEvents: (batch: EventBatch) =>
      inTransaction(async (client) => {
        // Insert in id order: replicas writing overlapping ids then lock them in the same order instead of deadlocking.
        const byId = [...batch.rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const res = await client.query<{ id: string }>({
          name: "pm_insert_events",
          text: SQL.insertEvents,
          values: columnArrays(byId, EVENT_COLUMNS),
        });
        if (res.rows.length === 0) return { inserted: 0 };
        const fresh = new Set(res.rows.map((r) => r.id));
        const inserted = batch.rows.filter((r) => fresh.has(r.id));
        const deltas = buildRollupDeltas(inserted);
        await client.query({ name: "pm_upsert_hourly", text: SQL.upsertHourly, values: columnArrays(deltas.hourly, hourlyCols) });
        await client.query({
          name: "pm_upsert_minute",
          text: SQL.upsertMinute,
          values: columnArrays(deltas.minute, [...MINUTE_KEY, ...MINUTE_SUMS]),
        });
        if (deltas.userDaily.length > 0) {
          await client.query({ name: "pm_upsert_user_daily", text: SQL.upsertUserDaily, values: columnArrays(deltas.userDaily, userCols) });
        }
        const payloads = batch.payloads.filter((p) => fresh.has(p.event_id)).map((p) => ({ ...p, project_id: batch.projectId }));
        if (payloads.length > 0) {
          await client.query({
            name: "pm_insert_payloads",
            text: SQL.insertPayloads,
            values: columnArrays(payloads, ["project_id", "event_id", "input", "output"]),
          });
        }
        return { inserted: inserted.length };
      }),
    writeFeedback: async (rows: FeedbackRow[]) => {
      const res = await pool.query({
        name: "pm_insert_feedback",
        text: SQL.insertFeedback,
        values: columnArrays(rows, Object.keys(FEEDBACK_TYPES)),
      });
      return { inserted: res.rowCount ?? 0 };
    },
    ping: async () => {
      await pool.query("SELECT 1");
    },
    close: async () => {
      await db.destroy();
    },
  };
}
