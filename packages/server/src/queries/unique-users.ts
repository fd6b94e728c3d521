import type { Filters } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { eventConditions } from "./event-filters.js";
import type { Scope } from "./scope.js";

function unfiltered(filters: Filters): boolean {
  return Object.values(filters).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/**
 * Distinct non-null user ids among the scope's events. Unfiltered, it reads each user's first and
 * last request (rollup_users) instead of the events: a user whose span starts or ends inside the
 * range was active in it, one whose span misses it was not, and only a span covering the whole
 * range needs one index probe for an event inside it.
 */
export async function uniqueUsers(store: Store, scope: Scope): Promise<number> {
  const { from, to } = scope.interval;
  if (unfiltered(scope.filters)) {
    const row = await store.db
      .selectFrom("rollup_users as u")
      .where("u.project_id", "=", scope.projectId)
      .where("u.first_ts", "<", to)
      .where("u.last_ts", ">=", from)
      .where((eb) =>
        eb.or([
          eb("u.first_ts", ">=", from),
          eb("u.last_ts", "<", to),
          eb.exists(
            eb
              .selectFrom("events")
              .select("events.seq")
              .where("events.project_id", "=", scope.projectId)
              .whereRef("events.user_id", "=", "u.user_id")
              .where("events.ts", ">=", from)
              .where("events.ts", "<", to),
          ),
        ]),
      )
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
  const row = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, from, to, scope.filters))
    .where("events.user_id", "is not", null)
    .select(sql<number>`count(distinct events.user_id)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
