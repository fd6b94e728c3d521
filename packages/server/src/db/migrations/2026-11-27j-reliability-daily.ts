import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import { DAY, daysOf, rebuildReliabilityDays } from "../../rollups/reliability-hours.js";
import type { MigrationDialect } from "../dialect/types.js";
import type { Database } from "../tables.js";

/**
 * rollup_reliability_hourly merged per UTC day (summaries merge associatively): a 30-day range
 * reads ~30 rows per model plus the hours of its two partial days, instead of ~720 per model.
 * Rebuilt whenever one of its hours is; backfilled from the hour rows.
 */
export function reliabilityDaily(dialect: MigrationDialect) {
  const clustered = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    dialect.clusteredTableSuffix ? t.modifyEnd(sql.raw(dialect.clusteredTableSuffix)) : t;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await clustered(db.schema.createTable("rollup_reliability_daily"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("day", "bigint", (c) => c.notNull())
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
        .addPrimaryKeyConstraint("rollup_reliability_daily_pk", ["project_id", "day", "provider", "model"])
        .execute();
      const hours = await db
        .selectFrom("rollup_reliability_hourly")
        .select(["project_id", sql<number>`min(hour)`.as("first"), sql<number>`max(hour)`.as("last")])
        .groupBy("project_id")
        .execute();
      for (const { project_id, first, last } of hours as { project_id: string; first: number; last: number }[]) {
        const days: number[] = [];
        for (let d = daysOf([first])[0]!; d <= Number(last); d += DAY) days.push(d);
        await rebuildReliabilityDays(db as Kysely<Database>, project_id, days);
      }
    },
  };
}
