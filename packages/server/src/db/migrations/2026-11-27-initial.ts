import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";

/** The first schema: projects, keys, the narrow events table, payloads, feedback, goals, prices and rollups. */
export function initial(dialect: MigrationDialect) {
  // Rollups are read only by key range; clustering them on the key halves their size on SQLite.
  const clustered = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    dialect.clusteredTableSuffix ? t.modifyEnd(sql.raw(dialect.clusteredTableSuffix)) : t;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("projects")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("monthly_budget_usd", "double precision")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("api_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("key_hash", "text", (c) => c.notNull().unique())
        .addColumn("prefix", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .execute();

      await db.schema
        .createTable("events")
        .addColumn("seq", dialect.autoIdType, (c) => c.primaryKey())
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("ts", "bigint", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("model", "text", (c) => c.notNull())
        .addColumn("response_model", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("error_type", "text")
        .addColumn("error_message", "text")
        .addColumn("http_status", "integer")
        .addColumn("input_tokens", "bigint", (c) => c.notNull())
        .addColumn("output_tokens", "bigint", (c) => c.notNull())
        .addColumn("cache_read_tokens", "bigint", (c) => c.notNull())
        .addColumn("cache_write_tokens", "bigint", (c) => c.notNull())
        .addColumn("reasoning_tokens", "bigint", (c) => c.notNull())
        .addColumn("cost_usd", "double precision")
        .addColumn("cost_source", "text", (c) => c.notNull())
        .addColumn("latency_ms", "double precision", (c) => c.notNull())
        .addColumn("ttft_ms", "double precision")
        .addColumn("streamed", "smallint", (c) => c.notNull())
        .addColumn("retries", "integer", (c) => c.notNull())
        .addColumn("fallback", "smallint", (c) => c.notNull())
        .addColumn("fallback_from", "text")
        .addColumn("cache_hit", "smallint", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("session_id", "text")
        .addColumn("trace_id", "text")
        .addColumn("feature", "text")
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("release", "text")
        .addColumn("tags", "text")
        .addColumn("metadata", "text")
        .addColumn("has_payload", "smallint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("events_project_id").unique().on("events").columns(["project_id", "id"]).execute();
      await db.schema.createIndex("events_project_ts").on("events").columns(["project_id", "ts"]).execute();
      await db.schema.createIndex("events_project_user_ts").on("events").columns(["project_id", "user_id", "ts"]).execute();

      await db.schema
        .createTable("event_payloads")
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("input", "text")
        .addColumn("output", "text")
        .addPrimaryKeyConstraint("event_payloads_pk", ["project_id", "event_id"])
        .execute();

      await db.schema
        .createTable("feedback")
        .addColumn("seq", dialect.autoIdType, (c) => c.primaryKey())
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("event_id", "text")
        .addColumn("session_id", "text")
        .addColumn("user_id", "text")
        .addColumn("ts", "bigint", (c) => c.notNull())
        .addColumn("score", "double precision", (c) => c.notNull())
        .addColumn("thumbs", "text")
        .addColumn("stars", "integer")
        .addColumn("sentiment", "text", (c) => c.notNull())
        .addColumn("comment", "text")
        .execute();
      await db.schema.createIndex("feedback_project_id").unique().on("feedback").columns(["project_id", "id"]).execute();
      await db.schema.createIndex("feedback_project_ts").on("feedback").columns(["project_id", "ts"]).execute();
      await db.schema.createIndex("feedback_project_event").on("feedback").columns(["project_id", "event_id"]).execute();

      await db.schema
        .createTable("goals")
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("metric", "text", (c) => c.notNull())
        .addColumn("op", "text", (c) => c.notNull())
        .addColumn("target", "double precision", (c) => c.notNull())
        .addColumn("window", "text", (c) => c.notNull())
        .addColumn("filters", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("goals_pk", ["project_id", "id"])
        .execute();

      await db.schema
        .createTable("price_overrides")
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("model", "text", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("input_per_mtok", "double precision", (c) => c.notNull())
        .addColumn("output_per_mtok", "double precision", (c) => c.notNull())
        .addColumn("cache_read_per_mtok", "double precision")
        .addColumn("cache_write_per_mtok", "double precision")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("price_overrides_pk", ["project_id", "model", "provider"])
        .execute();

      let hourly = db.schema
        .createTable("rollup_hourly")
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("hour", "bigint", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("model", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("error_type", "text", (c) => c.notNull())
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("feature", "text", (c) => c.notNull())
        .addColumn("release", "text", (c) => c.notNull());
      for (const col of [
        "requests",
        "priced_requests",
        "unpriced_requests",
        "input_tokens",
        "output_tokens",
        "cache_read_tokens",
        "cache_write_tokens",
        "reasoning_tokens",
        "ttft_count",
        "streamed",
        "retried",
        "retries_sum",
        "fallbacks",
        "rescued",
        "rescue_attempts",
        "cache_hits",
      ]) {
        hourly = hourly.addColumn(col, "bigint", (c) => c.notNull().defaultTo(0));
      }
      for (const col of ["cost_usd", "latency_sum", "ttft_sum"]) {
        hourly = hourly.addColumn(col, "double precision", (c) => c.notNull().defaultTo(0));
      }
      await clustered(hourly)
        .addColumn("latency_hist", "text", (c) => c.notNull())
        .addColumn("ttft_hist", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_hourly_pk", [
          "project_id",
          "hour",
          "provider",
          "model",
          "status",
          "error_type",
          "environment",
          "feature",
          "release",
        ])
        .execute();

      await clustered(db.schema.createTable("rollup_minute"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("minute", "bigint", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("model", "text", (c) => c.notNull())
        .addColumn("requests", "bigint", (c) => c.notNull())
        .addColumn("errors", "bigint", (c) => c.notNull())
        .addColumn("outage_errors", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_minute_pk", ["project_id", "minute", "provider", "model"])
        .execute();

      await clustered(db.schema.createTable("rollup_user_daily"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("day", "bigint", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("requests", "bigint", (c) => c.notNull())
        .addColumn("errors", "bigint", (c) => c.notNull())
        .addColumn("cost_usd", "double precision", (c) => c.notNull())
        .addColumn("unpriced_requests", "bigint", (c) => c.notNull())
        .addColumn("tokens", "bigint", (c) => c.notNull())
        .addColumn("first_ts", "bigint", (c) => c.notNull())
        .addColumn("last_ts", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_user_daily_pk", ["project_id", "day", "user_id"])
        .execute();
      await db.schema.createIndex("rollup_user_daily_user").on("rollup_user_daily").columns(["project_id", "user_id", "day"]).execute();

      await dialect.createHelpers(db);
    },
  };
}
