import { type Kysely, sql } from "kysely";
import { DAY, daysOf, rebuildReliabilityDays } from "../../rollups/reliability-hours.js";
import type { MigrationDialect } from "../dialect/types.js";
import type { Database } from "../tables.js";
import { createReliabilitySummaryTable } from "./2026-11-27h-reliability-hourly.js";

/**
 * rollup_reliability_hourly merged per UTC day (summaries merge associatively): a 30-day range
 * reads ~30 rows per model plus the hours of its two partial days, instead of ~720 per model.
 * Rebuilt whenever one of its hours is; backfilled from the hour rows.
 */
export function reliabilityDaily(dialect: MigrationDialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await createReliabilitySummaryTable(db, dialect, "rollup_reliability_daily", "day");
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
