import type { Store } from "../db/dialect/types.js";
import type { Interval } from "../time/index.js";
import { feedbackInScope } from "./feedback-scope.js";
import { planFeedback } from "./feedback-sums.js";
import type { Scope } from "./scope.js";

const HOUR = 3_600_000;

/** Feedback on one model's events. */
export interface ModelScore {
  model: string;
  count: number;
  avgScore: number | null;
}

/**
 * Feedback per rated event's model. Whole hours: the rated-feedback rollup summed over its
 * features (feedback whose event was stored first) plus the unrated list joined to events (feedback that came first); partial-hour
 * edges, or everything under event filters: every feedback row joined to its event.
 */
export async function feedbackByModel(store: Store, scope: Scope): Promise<ModelScore[]> {
  const plan = planFeedback(scope, HOUR);
  const joined = (interval: Interval) =>
    feedbackInScope(store, { ...scope, interval })
      .innerJoin("events as rated", (join) => join.onRef("rated.id", "=", "feedback.event_id").on("rated.project_id", "=", scope.projectId))
      .select((eb) => ["rated.model", eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("feedback.score").as("s")])
      .groupBy("rated.model")
      .execute();
  const hours = plan.hours;
  const parts = await Promise.all([
    hours
      ? store.db
          .selectFrom("rollup_feedback_model_hourly as r")
          .where("r.project_id", "=", scope.projectId)
          .where("r.hour", ">=", hours.from)
          .where("r.hour", "<", hours.to)
          .select((eb) => ["r.model", eb.fn.sum<number>("r.feedback").as("n"), eb.fn.sum<number>("r.score_sum").as("s")])
          .groupBy("r.model")
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
          .select((eb) => ["rated.model", eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("feedback.score").as("s")])
          .groupBy("rated.model")
          .execute()
      : [],
    ...plan.raw.map(joined),
  ]);
  const sums = new Map<string, { n: number; s: number }>();
  for (const rows of parts) {
    for (const r of rows) {
      const v = sums.get(r.model) ?? { n: 0, s: 0 };
      v.n += Number(r.n);
      v.s += Number(r.s);
      sums.set(r.model, v);
    }
  }
  return [...sums]
    .map(([model, v]) => ({ model, count: v.n, avgScore: v.n === 0 ? null : v.s / v.n }))
    .sort((a, b) => b.count - a.count || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}
