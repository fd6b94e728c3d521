import { type Kysely, sql } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";

// Spelled out, not imported: a migration is frozen in time.
const HOUR = 3_600_000;

/**
 * Fills both tables from the stored feedback: feedback on a stored event is summed per hour and
 * that event's model and feature ('' for none, as in rollup_hourly); feedback naming an event not
 * stored (yet) is listed as unrated.
 */
export async function backfillFeedbackByModel(db: Kysely<any>): Promise<void> {
  const hour = sql.raw(`(f.ts / ${HOUR}) * ${HOUR}`);
  await sql`INSERT INTO rollup_feedback_model_hourly (project_id, hour, model, feature, feedback, score_sum)
    SELECT f.project_id, ${hour}, e.model, coalesce(e.feature, ''), count(*), sum(f.score)
    FROM feedback f JOIN events e ON e.project_id = f.project_id AND e.id = f.event_id
    GROUP BY f.project_id, ${hour}, e.model, coalesce(e.feature, '')`.execute(db);
  await sql`INSERT INTO feedback_unrated (project_id, ts, id)
    SELECT f.project_id, f.ts, f.id FROM feedback f
    WHERE f.event_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM events e WHERE e.project_id = f.project_id AND e.id = f.event_id)`.execute(db);
}

/**
 * kpi.feedback's byModel and kpi.features' feedback without joining every feedback row to its
 * event: feedback whose event was stored when it arrived is summed per hour and that event's model
 * and feature (events never change, so both are final); feedback that arrived before its event is
 * listed apart and joined at query time.
 */
export function feedbackByModel(dialect: MigrationDialect) {
  const clustered = <T extends { modifyEnd(s: ReturnType<typeof sql.raw>): T }>(t: T) =>
    dialect.clusteredTableSuffix ? t.modifyEnd(sql.raw(dialect.clusteredTableSuffix)) : t;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await clustered(
        db.schema
          .createTable("rollup_feedback_model_hourly")
          .addColumn("project_id", "text", (c) => c.notNull())
          .addColumn("hour", "bigint", (c) => c.notNull())
          .addColumn("model", "text", (c) => c.notNull())
          .addColumn("feature", "text", (c) => c.notNull())
          .addColumn("feedback", "bigint", (c) => c.notNull())
          .addColumn("score_sum", "double precision", (c) => c.notNull())
          .addPrimaryKeyConstraint("rollup_feedback_model_hourly_pk", ["project_id", "hour", "model", "feature"]),
      ).execute();
      await clustered(
        db.schema
          .createTable("feedback_unrated")
          .addColumn("project_id", "text", (c) => c.notNull())
          .addColumn("ts", "bigint", (c) => c.notNull())
          .addColumn("id", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("feedback_unrated_pk", ["project_id", "ts", "id"]),
      ).execute();
      await backfillFeedbackByModel(db);
    },
  };
}
