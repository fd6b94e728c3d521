import { type Kysely, sql } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";

/**
 * Read paths for 10M-event ranges: an index of failures only (a few percent of the events, so a
 * few MB) for error message groups and release regressions, and on PostgreSQL the histogram
 * bucket function the KPI engine counts raw-event edges with (SQLite registers it per connection).
 */
export function readPaths(dialect: MigrationDialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createIndex("events_project_failures")
        .on("events")
        .columns(["project_id", "ts"])
        .where(sql.ref("status"), "=", sql.lit("error"))
        .execute();
      if (dialect.name === "postgres") {
        // Spelled out, not imported: a migration is frozen in time (rollups/latency-histogram.ts bucketOf, growth 1.03).
        await sql`CREATE OR REPLACE FUNCTION pm_hist_bucket(ms double precision) RETURNS integer
          LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN ms IS NULL THEN NULL WHEN ms >= 1 THEN 1 + floor(ln(ms) / ln(1.03))::integer ELSE 0 END
          $$`.execute(db);
      }
    },
  };
}
