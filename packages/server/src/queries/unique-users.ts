import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { countActiveUsers } from "./active-users.js";
import { eventConditions } from "./event-filters.js";
import { type Scope, unfiltered } from "./scope.js";

/**
 * Distinct non-null user ids among the scope's events. Unfiltered, it reads each user's first and
 * last request (rollup_users) instead of the events, probing the events only for users whose
 * span covers the whole range (see countActiveUsers).
 */
export async function uniqueUsers(store: Store, scope: Scope): Promise<number> {
  const { from, to } = scope.interval;
  if (unfiltered(scope.filters)) return countActiveUsers(store, scope.projectId, from, to);
  const row = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, from, to, scope.filters))
    .where("events.user_id", "is not", null)
    .select(sql<number>`count(distinct events.user_id)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
