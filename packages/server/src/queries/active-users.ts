import { type ExpressionBuilder, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import type { Database } from "../db/tables.js";

const DAY = 86_400_000;

/**
 * Users with a request in [a, b), unfiltered, from each user's first and last request
 * (rollup_users): a span that starts or ends inside the interval was active in it, one that
 * misses it was not, and only a span covering the whole interval needs one index probe on
 * events(project_id, user_id, ts). `firstBefore` keeps only users whose first request ever
 * is before it (returning users).
 */
export async function countActiveUsers(store: Store, projectId: string, a: number, b: number, firstBefore?: number): Promise<number> {
  if (a >= b) return 0;
  let q = store.db
    .selectFrom("rollup_users as u")
    .where("u.project_id", "=", projectId)
    .where("u.first_ts", "<", b)
    .where("u.last_ts", ">=", a)
    .where((eb) =>
      eb.or([
        eb("u.first_ts", ">=", a),
        eb("u.last_ts", "<", b),
        eb.exists(
          eb
            .selectFrom("events")
            .select("events.seq")
            .where("events.project_id", "=", projectId)
            .whereRef("events.user_id", "=", "u.user_id")
            .where("events.ts", ">=", a)
            .where("events.ts", "<", b),
        ),
      ]),
    )
    .select(sql<number>`count(*)`.as("n"));
  if (firstBefore !== undefined) q = q.where("u.first_ts", "<", firstBefore);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * WHERE conditions selecting the rollup_user_daily rows (one per user and UTC day) of users
 * active in [a, b): a row's requests all lie in its UTC day between first_ts and last_ts, so
 * it was active iff it starts before b and ends at or after a, unless it covers the whole
 * interval (only possible when a and b fall in its day), where one index probe on the events
 * decides.
 */
export function userDayActiveIn(eb: ExpressionBuilder<Database, "rollup_user_daily">, projectId: string, a: number, b: number) {
  const conds = [
    eb("rollup_user_daily.project_id", "=", projectId),
    eb("rollup_user_daily.day", ">=", Math.floor(a / DAY) * DAY),
    eb("rollup_user_daily.day", "<", b),
    // Rows of days wholly inside [a, b) need no check of their first and last request.
    eb.or([eb("rollup_user_daily.day", ">=", a), eb("rollup_user_daily.last_ts", ">=", a)]),
    eb.or([eb("rollup_user_daily.day", "<=", b - DAY), eb("rollup_user_daily.first_ts", "<", b)]),
  ];
  if (Math.floor(a / DAY) === Math.floor((b - 1) / DAY) && a % DAY !== 0 && b % DAY !== 0) {
    conds.push(
      eb.or([
        eb("rollup_user_daily.first_ts", ">=", a),
        eb("rollup_user_daily.last_ts", "<", b),
        eb.exists(
          eb
            .selectFrom("events")
            .select("events.seq")
            .where("events.project_id", "=", projectId)
            .whereRef("events.user_id", "=", "rollup_user_daily.user_id")
            .where("events.ts", ">=", a)
            .where("events.ts", "<", b),
        ),
      ]),
    );
  }
  return eb.and(conds);
}

/** Distinct users active in [a, b), unfiltered, from the per-user-day rollup. */
export async function countActiveUsersByDays(store: Store, projectId: string, a: number, b: number): Promise<number> {
  if (a >= b) return 0;
  const row = await store.db
    .selectFrom("rollup_user_daily")
    .where((eb) => userDayActiveIn(eb, projectId, a, b))
    .select(sql<number>`count(distinct rollup_user_daily.user_id)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Active users per UTC day over [a, b) (days clipped to the interval), unfiltered: whole days
 * as counted at ingest, partial days by a grouped count of their user-day rows. Keys are UTC day starts.
 */
export async function activeUsersPerUtcDay(store: Store, projectId: string, a: number, b: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (a >= b) return out;
  const dayA = Math.ceil(a / DAY) * DAY;
  const dayB = Math.floor(b / DAY) * DAY;
  if (dayA < dayB) {
    // Whole days: counted at ingest; partial edge days as below.
    const [whole, ...edges] = await Promise.all([
      activeUsersPerWholeDay(store, projectId, dayA, dayB),
      ...(a < dayA ? [activeUsersPerUtcDay(store, projectId, a, dayA)] : []),
      ...(dayB < b ? [activeUsersPerUtcDay(store, projectId, dayB, b)] : []),
    ]);
    for (const m of [whole, ...edges]) for (const [d, n] of m) out.set(d, n);
    return out;
  }
  // No whole day: the one or two partial days, each a grouped count of its user-day rows.
  const rows = await store.db
    .selectFrom("rollup_user_daily")
    .where((eb) => userDayActiveIn(eb, projectId, a, b))
    .groupBy("rollup_user_daily.day")
    .select(["rollup_user_daily.day", sql<number>`count(*)`.as("n")])
    .execute();
  for (const r of rows) out.set(Number(r.day), Number(r.n));
  return out;
}

/** Active users of each whole UTC day in [dayA, dayB), counted at ingest (rollup_active_users_daily). */
async function activeUsersPerWholeDay(store: Store, projectId: string, dayA: number, dayB: number): Promise<Map<number, number>> {
  const rows = await store.db
    .selectFrom("rollup_active_users_daily")
    .where("project_id", "=", projectId)
    .where("day", ">=", dayA)
    .where("day", "<", dayB)
    .select(["day", "users"])
    .execute();
  return new Map(rows.filter((r) => Number(r.users) > 0).map((r) => [Number(r.day), Number(r.users)]));
}

const HOUR = 3_600_000;

/**
 * Requests in [a, b) by events with a user id, unfiltered: whole UTC days from rollup_daily,
 * whole hours from rollup_hourly, minutes at the edges from the events' (project_id, ts) index,
 * less the user-less events counted on the (project_id, user_id, ts) index.
 */
export async function requestsWithUser(store: Store, projectId: string, a: number, b: number): Promise<number> {
  if (a >= b) return 0;
  const dayA = Math.ceil(a / DAY) * DAY;
  const dayB = Math.floor(b / DAY) * DAY;
  const hourA = Math.ceil(a / HOUR) * HOUR;
  const hourB = Math.floor(b / HOUR) * HOUR;
  const parts: Promise<number>[] = [];
  const count = async (q: Promise<{ n: number | string | bigint | null } | undefined>) => Number((await q)?.n ?? 0);
  const events = (x: number, y: number) =>
    count(
      store.db
        .selectFrom("events")
        .where("events.project_id", "=", projectId)
        .where("events.ts", ">=", x)
        .where("events.ts", "<", y)
        .select(sql<number>`count(*)`.as("n"))
        .executeTakeFirst(),
    );
  const hours = (x: number, y: number) =>
    count(
      store.db
        .selectFrom("rollup_hourly")
        .where("project_id", "=", projectId)
        .where("hour", ">=", x)
        .where("hour", "<", y)
        .select(sql<number>`sum(requests)`.as("n"))
        .executeTakeFirst(),
    );
  if (hourA >= hourB) parts.push(events(a, b));
  else {
    if (a < hourA) parts.push(events(a, hourA));
    if (hourB < b) parts.push(events(hourB, b));
    if (dayA >= dayB) parts.push(hours(hourA, hourB));
    else {
      if (hourA < dayA) parts.push(hours(hourA, dayA));
      if (dayB < hourB) parts.push(hours(dayB, hourB));
      parts.push(
        count(
          store.db
            .selectFrom("rollup_daily")
            .where("project_id", "=", projectId)
            .where("day", ">=", dayA)
            .where("day", "<", dayB)
            .select(sql<number>`sum(requests)`.as("n"))
            .executeTakeFirst(),
        ),
      );
    }
  }
  parts.push(
    count(
      store.db
        .selectFrom("events")
        .where("events.project_id", "=", projectId)
        .where("events.user_id", "is", null)
        .where("events.ts", ">=", a)
        .where("events.ts", "<", b)
        .select(sql<number>`-count(*)`.as("n"))
        .executeTakeFirst(),
    ),
  );
  return (await Promise.all(parts)).reduce((s, n) => s + n, 0);
}

/**
 * Number of active UTC days in [a, b) per user, unfiltered: whole days counted per user (ranges
 * longer than a rollup_user_blocks block), the partial days at the edges by their first/last
 * request. Needs a UTC day boundary inside [a, b] (the edges fall in different days).
 */
export async function activeUtcDaysPerUser(store: Store, projectId: string, a: number, b: number): Promise<Map<string, number>> {
  const dayA = Math.ceil(a / DAY) * DAY;
  const dayB = Math.floor(b / DAY) * DAY;
  if (dayA > dayB) throw new Error("activeUtcDaysPerUser needs a day boundary inside the interval");
  const [whole, first, last] = await Promise.all([
    dayA < dayB
      ? store.db
          .selectFrom("rollup_user_daily")
          .where("rollup_user_daily.project_id", "=", projectId)
          .where("rollup_user_daily.day", ">=", dayA)
          .where("rollup_user_daily.day", "<", dayB)
          .groupBy("rollup_user_daily.user_id")
          .select(["rollup_user_daily.user_id", sql<number>`count(*)`.as("n")])
          .execute()
      : [],
    a < dayA
      ? store.db
          .selectFrom("rollup_user_daily")
          .where("project_id", "=", projectId)
          .where("day", "=", dayA - DAY)
          .where("last_ts", ">=", a)
          .select("user_id")
          .execute()
      : [],
    dayB < b
      ? store.db
          .selectFrom("rollup_user_daily")
          .where("project_id", "=", projectId)
          .where("day", "=", dayB)
          .where("first_ts", "<", b)
          .select("user_id")
          .execute()
      : [],
  ]);
  const out = new Map<string, number>();
  for (const r of whole) out.set(r.user_id, Number(r.n));
  for (const r of [...first, ...last]) out.set(r.user_id, (out.get(r.user_id) ?? 0) + 1);
  return out;
}
