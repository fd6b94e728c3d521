import { type Kysely, sql } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";

// Spelled out, not imported: a migration is frozen in time (rollups/feedback-deltas.ts scoreBin).
const HOUR = 3_600_000;
const BINS = 10;
const binOf = (score: number) => Math.min(BINS - 1, Math.max(0, Math.floor(Math.round(score * BINS * 1e9) / 1e9)));
const KEY = ["project_id", "hour", "bin", "sentiment"] as const;
/** Rows per INSERT in the backfill (6 parameters each, far below SQLite's limit). */
const CHUNK = 1_000;

interface Row {
  project_id: string;
  hour: number;
  bin: number;
  sentiment: string;
  feedback: number;
  score_sum: number;
}

/**
 * Fills the rollup from the stored feedback: SQL groups by exact score (few distinct values),
 * JS bins them with the same function ingest uses, so rollup and raw edges always agree.
 */
export async function backfillFeedbackHourly(db: Kysely<any>): Promise<void> {
  const hour = sql.raw(`(ts / ${HOUR}) * ${HOUR}`);
  const groups = await sql<{ project_id: string; hour: number; score: number; sentiment: string; n: number; s: number }>`
    SELECT project_id, ${hour} AS hour, score, sentiment, count(*) AS n, sum(score) AS s
    FROM feedback GROUP BY project_id, ${hour}, score, sentiment`.execute(db);
  const byKey = new Map<string, Row>();
  for (const g of groups.rows) {
    const row: Row = {
      project_id: g.project_id,
      hour: Number(g.hour),
      bin: binOf(Number(g.score)),
      sentiment: g.sentiment,
      feedback: 0,
      score_sum: 0,
    };
    const k = KEY.map((c) => row[c]).join("\u0000");
    const into = byKey.get(k) ?? row;
    into.feedback += Number(g.n);
    into.score_sum += Number(g.s);
    byKey.set(k, into);
  }
  const rows = [...byKey.values()];
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto("rollup_feedback_hourly")
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/**
 * Feedback counted per hour, score bin and sentiment: a month of kpi.feedback's count, score
 * histogram, sentiment split and per-bucket series reads a few thousand rows instead of every
 * feedback row.
 */
export function rollupFeedback(dialect: MigrationDialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      let table = db.schema
        .createTable("rollup_feedback_hourly")
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("hour", "bigint", (c) => c.notNull())
        .addColumn("bin", "integer", (c) => c.notNull())
        .addColumn("sentiment", "text", (c) => c.notNull())
        .addColumn("feedback", "bigint", (c) => c.notNull())
        .addColumn("score_sum", "double precision", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_feedback_hourly_pk", [...KEY]);
      if (dialect.clusteredTableSuffix) table = table.modifyEnd(sql.raw(dialect.clusteredTableSuffix));
      await table.execute();
      await backfillFeedbackHourly(db);
    },
  };
}
