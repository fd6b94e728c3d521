import { type SqlBool, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { eventConditions } from "./event-filters.js";
import type { Scope } from "./scope.js";

/** One provider+model's failure streaks: the recovery time of each recovered one, and how many never recovered. */
export interface FailureStreaks {
  provider: string;
  model: string;
  recoveries: number[];
  ongoing: number;
}

/**
 * Failure streaks per provider+model: maximal runs of consecutive failed requests in time order
 * (ties by id), each recovered by the next success. Window functions find the requests where the
 * sequence turns (a failure after a success or first; a success after a failure), so only those
 * travel, not every request. Ids tie-break in the database's text order: byte order on SQLite and
 * on C-collated PostgreSQL; another collation can only reorder requests of the same millisecond.
 */
export async function failureStreaks(store: Store, scope: Scope): Promise<FailureStreaks[]> {
  const inOrder = sql`partition by events.provider, events.model order by events.ts, events.id`;
  const sequence = store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, scope.interval.from, scope.interval.to, scope.filters))
    .select([
      "events.provider",
      "events.model",
      "events.ts",
      "events.status",
      sql<string | null>`lag(events.status) over (${inOrder})`.as("prev_status"),
      sql<number>`row_number() over (${inOrder})`.as("rn"),
    ]);
  const turns = await store.db
    .selectFrom(sequence.as("s"))
    .where(sql<SqlBool>`s.status <> coalesce(s.prev_status, 'success')`)
    .select(["s.provider", "s.model", "s.ts", "s.status"])
    .orderBy("s.rn")
    .execute();

  const models = new Map<string, FailureStreaks & { streakStart: number | null }>();
  for (const t of turns) {
    const key = `${t.provider}\u0000${t.model}`;
    let m = models.get(key);
    if (!m) {
      m = { provider: t.provider, model: t.model, recoveries: [], ongoing: 0, streakStart: null };
      models.set(key, m);
    }
    // Turns alternate within a model: a streak's first failure, then the success that ends it.
    if (t.status === "error") m.streakStart = Number(t.ts);
    else if (m.streakStart !== null) {
      m.recoveries.push(Number(t.ts) - m.streakStart);
      m.streakStart = null;
    }
  }
  return [...models.values()].map(({ streakStart, ...m }) => ({ ...m, ongoing: streakStart === null ? 0 : 1 }));
}
