import type { Store } from "../db/dialect/types.js";
import { ratedFeedback } from "./rated-feedback.js";
import type { Scope } from "./scope.js";

/** Feedback on one model's events. */
export interface ModelScore {
  model: string;
  count: number;
  avgScore: number | null;
}

/** Feedback per rated event's model, most rated first (ties by model name, code-unit order). */
export async function feedbackByModel(store: Store, scope: Scope): Promise<ModelScore[]> {
  const sums = await ratedFeedback(store, scope, "model");
  return [...sums]
    .map(([model, v]) => ({ model: model ?? "", count: v.count, avgScore: v.count === 0 ? null : v.scoreSum / v.count }))
    .sort((a, b) => b.count - a.count || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}
