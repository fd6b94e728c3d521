import type { Store } from "../db/dialect/types.js";
import { eventConditions } from "./event-filters.js";
import { type Scope, unfiltered } from "./scope.js";

/** True when a filter on the rated event's attributes is set (feedback then joins its event). */
/**
 * Feedback given in the scope's interval. With event filters, only feedback on a matching
 * event counts (session-level feedback has no model, feature… to match).
 */
export function feedbackInScope(store: Store, scope: Scope) {
  const { from, to } = scope.interval;
  const base = store.db
    .selectFrom("feedback")
    .where("feedback.project_id", "=", scope.projectId)
    .where("feedback.ts", ">=", from)
    .where("feedback.ts", "<", to);
  if (unfiltered(scope.filters)) return base;
  // The event may be older than the feedback: filter its attributes, not its time.
  return base.where((eb) =>
    eb.exists(
      eb
        .selectFrom("events")
        .select("events.seq")
        .where("events.project_id", "=", scope.projectId)
        .whereRef("events.id", "=", "feedback.event_id")
        .where((e) => eventConditions(e, scope.projectId, 0, Number.MAX_SAFE_INTEGER, scope.filters)),
    ),
  );
}
