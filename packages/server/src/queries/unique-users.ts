import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { eventConditions } from "./event-filters.js";
import type { Scope } from "./scope.js";

/** Distinct non-null user ids among the scope's events. */
export async function uniqueUsers(store: Store, scope: Scope): Promise<number> {
  const row = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, scope.interval.from, scope.interval.to, scope.filters))
    .where("events.user_id", "is not", null)
    .select(sql<number>`count(distinct events.user_id)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
