import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import { rebuildReliabilityHours } from "../../rollups/reliability-hours.js";
import type { MigrationDialect } from "../dialect/types.js";
import type { Database } from "../tables.js";

/**
 * A reliability summary table: key (project, position, provider, model), then the summary of
 * rollups/reliability-summary.ts. Shared by the hourly, slice and (2026-11-27j) daily tables.
 */
export async function createReliabilitySummaryTable(
  db: Kysely<any>,
  dialect: MigrationDialect,
  name: string,
  position: string,
): Promise<void> {
  const table = db.schema.createTable(name);
  await (dialect.clusteredTableSuffix ? table.modifyEnd(sql.raw(dialect.clusteredTableSuffix)) : table)
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn(position, "bigint", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("first_ts", "bigint", (c) => c.notNull())
    .addColumn("first_failed", "integer", (c) => c.notNull())
    .addColumn("first_success_ts", "bigint")
    .addColumn("recovered", "bigint", (c) => c.notNull())
    .addColumn("recovery_ms", "bigint", (c) => c.notNull())
    .addColumn("open_start", "bigint")
    .addColumn("traffic_minutes", "bigint", (c) => c.notNull())
    .addColumn("down_minutes", "bigint", (c) => c.notNull())
    .addColumn("down_runs", "text", (c) => c.notNull())
    .addColumn("first_minute_down", "integer", (c) => c.notNull())
    .addColumn("last_minute_down", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, ["project_id", position, "provider", "model"])
    .execute();
}

/**
 * kpi.reliability per provider+model hour and 10-minute slice: failure streaks and down-minute runs
 * summarized so a range combines stored stretches in time order instead of ordering every request
 * (10M at 10M events); slices leave at most 10 minutes of raw events at each edge of a range.
 * Ingest marks the hours it touches in rollup_reliability_dirty; readers rebuild marked hours from
 * their events before reading (events arrive out of order, so an hour cannot be extended in place).
 * Backfilled from the stored events, hour by hour.
 */
export function reliabilityHourly(dialect: MigrationDialect) {
  const clustered = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    dialect.clusteredTableSuffix ? t.modifyEnd(sql.raw(dialect.clusteredTableSuffix)) : t;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await createReliabilitySummaryTable(db, dialect, "rollup_reliability_hourly", "hour");
      await createReliabilitySummaryTable(db, dialect, "rollup_reliability_slices", "slice");
      await clustered(db.schema.createTable("rollup_reliability_dirty"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("hour", "bigint", (c) => c.notNull())
        .addColumn("events", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_reliability_dirty_pk", ["project_id", "hour"])
        .execute();
      // Every batch updates its hour's mark in place: room for HOT updates.
      if (dialect.name === "postgres") await sql`ALTER TABLE rollup_reliability_dirty SET (fillfactor = 70)`.execute(db);
      const hours = await db
        .selectFrom("rollup_hourly")
        .select(["project_id", "hour"])
        .distinct()
        .orderBy("project_id")
        .orderBy("hour")
        .execute();
      await rebuildReliabilityHours(db as Kysely<Database>, hours as { project_id: string; hour: number }[]);
    },
  };
}
