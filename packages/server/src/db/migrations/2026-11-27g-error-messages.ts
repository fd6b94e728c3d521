import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";

// Spelled out, not imported: a migration is frozen in time.
const HOUR = 3_600_000;

/**
 * Failures per hour, error type and raw message, maintained at ingest: kpi.errors' message groups
 * read a few thousand rows instead of every failure of the range (248k at 10M events). Messages
 * are keyed by their md5 (SQLite registers md5() per connection; PostgreSQL has it built in).
 * Backfilled from the stored failures.
 */
export function errorMessages(dialect: MigrationDialect) {
  const clustered = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    dialect.clusteredTableSuffix ? t.modifyEnd(sql.raw(dialect.clusteredTableSuffix)) : t;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await clustered(db.schema.createTable("rollup_error_messages_hourly"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("hour", "bigint", (c) => c.notNull())
        .addColumn("error_type", "text", (c) => c.notNull())
        .addColumn("message_key", "text", (c) => c.notNull())
        .addColumn("error_message", "text")
        .addColumn("failures", "bigint", (c) => c.notNull())
        .addColumn("last_ts", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_error_messages_hourly_pk", ["project_id", "hour", "error_type", "message_key"])
        .execute();
      const hour = sql.raw(`(ts / ${HOUR}) * ${HOUR}`);
      const key = sql.raw("CASE WHEN error_message IS NULL THEN '' ELSE md5(error_message) END");
      await sql`INSERT INTO rollup_error_messages_hourly (project_id, hour, error_type, message_key, error_message, failures, last_ts)
        SELECT project_id, ${hour}, coalesce(error_type, ''), ${key}, min(error_message), count(*), max(ts)
        FROM events WHERE status = 'error'
        GROUP BY project_id, ${hour}, coalesce(error_type, ''), ${key}`.execute(db);
      // Updated in place by every batch with failures in the hour (see 2026-11-27f-rollup-fillfactor).
      if (dialect.name === "postgres") await sql`ALTER TABLE rollup_error_messages_hourly SET (fillfactor = 70)`.execute(db);
    },
  };
}
