import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import type { Interval } from "../time/index.js";
import { feedbackInScope } from "./feedback-scope.js";
import { planFeedback } from "./feedback-sums.js";
import type { Scope } from "./scope.js";

const HOUR = 3_600_000;

/** Feedback count and score sum for one value of the rated event's model or feature. */
export interface RatedSums {
  count: number;
  scoreSum: number;
}

/**
 * Feedback in the scope per rated event's model or feature (null: no feature; '' in the rollup
 * stands for it, as in rollup_hourly). Whole hours: the rated-feedback rollup (feedback whose event
 * was stored first) plus the unrated list joined to events (feedback that came first); partial-hour
 * edges, or everything under event filters: every feedback row joined to its event.
 */
export async function ratedFeedback(store: Store, scope: Scope, by: "model" | "feature"): Promise<Map<string | null, RatedSums>> {
  const plan = planFeedback(scope, HOUR);
  const hours = plan.hours;
  const rated = sql.ref(`rated.${by}`);
  const joinedSums = sql<number>`count(*)`;
  const joined = (interval: Interval) =>
    feedbackInScope(store, { ...scope, interval })
      .innerJoin("events as rated", (join) => join.onRef("rated.id", "=", "feedback.event_id").on("rated.project_id", "=", scope.projectId))
      .select([sql<string | null>`${rated}`.as("k"), joinedSums.as("n"), sql<number>`sum(feedback.score)`.as("s")])
      .groupBy(rated)
      .execute();
  const parts = await Promise.all([
    hours
      ? store.db
          .selectFrom("rollup_feedback_model_hourly as r")
          .where("r.project_id", "=", scope.projectId)
          .where("r.hour", ">=", hours.from)
          .where("r.hour", "<", hours.to)
          .select([
            sql<string | null>`${sql.ref(`r.${by}`)}`.as("k"),
            sql<number>`sum(r.feedback)`.as("n"),
            sql<number>`sum(r.score_sum)`.as("s"),
          ])
          .groupBy(sql.ref(`r.${by}`))
          .execute()
      : [],
    hours
      ? store.db
          .selectFrom("feedback_unrated as u")
          .innerJoin("feedback", (join) => join.onRef("feedback.id", "=", "u.id").on("feedback.project_id", "=", scope.projectId))
          .innerJoin("events as rated", (join) =>
            join.onRef("rated.id", "=", "feedback.event_id").on("rated.project_id", "=", scope.projectId),
          )
          .where("u.project_id", "=", scope.projectId)
          .where("u.ts", ">=", hours.from)
          .where("u.ts", "<", hours.to)
          .select([sql<string | null>`${rated}`.as("k"), joinedSums.as("n"), sql<number>`sum(feedback.score)`.as("s")])
          .groupBy(rated)
          .execute()
      : [],
    ...plan.raw.map(joined),
  ]);
  const sums = new Map<string | null, RatedSums>();
  for (const rows of parts) {
    for (const r of rows) {
      const key = r.k === null || r.k === "" ? null : r.k;
      const v = sums.get(key) ?? { count: 0, scoreSum: 0 };
      v.count += Number(r.n);
      v.scoreSum += Number(r.s ?? 0);
      sums.set(key, v);
    }
  }
  return sums;
}
