import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";

// Spelled out, not imported: a migration is frozen in time.
const DAY = 86_400_000;
const DIMENSIONS = ["provider", "model", "status", "error_type", "environment", "feature", "release"] as const;
const DAILY_KEY = ["project_id", "day", ...DIMENSIONS] as const;
const HOURLY_SUMS = [
  "requests",
  "cost_usd",
  "priced_requests",
  "unpriced_requests",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "latency_sum",
  "ttft_sum",
  "ttft_count",
  "streamed",
  "retried",
  "retries_sum",
  "fallbacks",
  "rescued",
  "rescue_attempts",
  "cache_hits",
] as const;
const HOURLY_HISTOGRAMS = ["latency_hist", "ttft_hist"] as const;

/**
 * Fills the new rollups from the ones already stored: each UTC day from its hours (histograms
 * merged with pm_hist_sum), each user's first and last request from the per-user-day rollup.
 */
export async function backfillDailyAndUsers(db: Kysely<any>): Promise<void> {
  const day = sql.raw(`(hour / ${DAY}) * ${DAY}`);
  const dims = sql.raw(DIMENSIONS.join(", "));
  const sums = sql.raw(HOURLY_SUMS.map((c) => `sum(${c})`).join(", "));
  const hists = sql.raw(HOURLY_HISTOGRAMS.map((c) => `pm_hist_sum(${c})`).join(", "));
  await sql`INSERT INTO rollup_daily (${sql.raw([...DAILY_KEY, ...HOURLY_SUMS, ...HOURLY_HISTOGRAMS].join(", "))})
    SELECT project_id, ${day}, ${dims}, ${sums}, ${hists} FROM rollup_hourly GROUP BY project_id, ${day}, ${dims}`.execute(db);
  await sql`INSERT INTO rollup_users (project_id, user_id, first_ts, last_ts)
    SELECT project_id, user_id, min(first_ts), max(last_ts) FROM rollup_user_daily GROUP BY project_id, user_id`.execute(db);
}

/**
 * Rollups for month-long ranges: the hourly rollup summed per UTC day (a 30-day dashboard reads
 * ~24× fewer rows) and each user's first and last request (active, new and returning users over
 * any range without reading events).
 */
export function rollupsDailyUsers(dialect: MigrationDialect) {
  const clustered = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    dialect.clusteredTableSuffix ? t.modifyEnd(sql.raw(dialect.clusteredTableSuffix)) : t;
  return {
    async up(db: Kysely<any>): Promise<void> {
      let daily: CreateTableBuilder<"rollup_daily", string> = db.schema
        .createTable("rollup_daily")
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("day", "bigint", (c) => c.notNull());
      for (const col of DIMENSIONS) daily = daily.addColumn(col, "text", (c) => c.notNull());
      for (const col of HOURLY_SUMS) {
        const type = col === "cost_usd" || col === "latency_sum" || col === "ttft_sum" ? "double precision" : "bigint";
        daily = daily.addColumn(col, type, (c) => c.notNull().defaultTo(0));
      }
      for (const col of HOURLY_HISTOGRAMS) daily = daily.addColumn(col, "text", (c) => c.notNull());
      await clustered(daily)
        .addPrimaryKeyConstraint("rollup_daily_pk", [...DAILY_KEY])
        .execute();

      await clustered(db.schema.createTable("rollup_users"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("first_ts", "bigint", (c) => c.notNull())
        .addColumn("last_ts", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_users_pk", ["project_id", "user_id"])
        .execute();

      await backfillDailyAndUsers(db);
    },
  };
}
