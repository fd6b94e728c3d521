import { ACTIVE_DAY_BUCKETS, type UsageFrequencyFigures, type UsageFrequencyOutput } from "@promptmeter/schema";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import type { Database } from "../db/tables.js";
import { bucketStart, type Interval } from "../time/index.js";
import { activeUtcDaysPerUser, requestsWithUser } from "./active-users.js";
import { eventConditions } from "./event-filters.js";
import { previousScope, type Scope, unfiltered, zoneAlignsWithDays } from "./scope.js";
import { ratio } from "./summaries.js";
import { activeDaysIn, blockSpanOf } from "./user-blocks.js";

const DAY = 86_400_000;

type ActiveDayBucket = (typeof ACTIVE_DAY_BUCKETS)[number];

/** One user's requests in one UTC day, with the first and last of them. */
interface UserUtcDay {
  userId: string;
  requests: number;
  first: number;
  last: number;
}

function bucketOf(days: number): ActiveDayBucket {
  if (days <= 1) return "1";
  if (days <= 3) return "2-3";
  if (days <= 7) return "4-7";
  if (days <= 14) return "8-14";
  return "15+";
}

/** Which UTC days the daily user rollup answers whole, and the partial-day edges left to raw events. */
function planDays(scope: Scope): { rollup: Interval | null; events: Interval[] } {
  const { from, to } = scope.interval;
  const a = Math.ceil(from / DAY) * DAY;
  const b = Math.floor(to / DAY) * DAY;
  if (!unfiltered(scope.filters) || a >= b) return { rollup: null, events: [scope.interval] };
  return { rollup: { from: a, to: b }, events: [...(from < a ? [{ from, to: a }] : []), ...(b < to ? [{ from: b, to }] : [])] };
}

async function userUtcDays(store: Store, scope: Scope): Promise<UserUtcDay[]> {
  const plan = planDays(scope);
  const out: UserUtcDay[] = [];
  if (plan.rollup) {
    const rows = await store.db
      .selectFrom("rollup_user_daily")
      .where("project_id", "=", scope.projectId)
      .where("day", ">=", plan.rollup.from)
      .where("day", "<", plan.rollup.to)
      .select(["user_id", "requests", "first_ts", "last_ts"])
      .execute();
    for (const r of rows) out.push({ userId: r.user_id, requests: Number(r.requests), first: Number(r.first_ts), last: Number(r.last_ts) });
  }
  for (const interval of plan.events) {
    const utcDay = sql<number>`events.ts - events.ts % ${DAY}`;
    const rows = await store.db
      .selectFrom("events")
      .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
      .where("events.user_id", "is not", null)
      .groupBy(["events.user_id", utcDay])
      .select([
        "events.user_id",
        sql<number>`count(*)`.as("requests"),
        sql<number>`min(events.ts)`.as("first"),
        sql<number>`max(events.ts)`.as("last"),
      ])
      .execute();
    for (const r of rows) out.push({ userId: r.user_id!, requests: Number(r.requests), first: Number(r.first), last: Number(r.last) });
  }
  return out;
}

/**
 * Users per number of active UTC days in the scope, from the one rollup_user_blocks row per user
 * holding every day the range touches (null when no block holds them all). A partial edge day
 * counts only when the user's requests that day reach into the range: users whose edge-day row
 * lies wholly outside lose that day (read from those days' rollup_user_daily rows).
 */
async function usersByActiveDays(store: Store, scope: Scope): Promise<Map<number, number> | null> {
  const { from, to } = scope.interval;
  const span = blockSpanOf(scope.interval);
  if (!span) return null;
  const days = activeDaysIn(span);
  const inBlock = (eb: ExpressionBuilder<Database, "rollup_user_blocks">) =>
    eb.and([eb("rollup_user_blocks.project_id", "=", scope.projectId), eb("rollup_user_blocks.block", "=", span.block)]);
  const edgeDay = (day: number, cond: (eb: ExpressionBuilder<Database, "rollup_user_daily">) => Expression<SqlBool>) =>
    store.db
      .selectFrom("rollup_user_daily")
      .where("rollup_user_daily.project_id", "=", scope.projectId)
      .where("rollup_user_daily.day", "=", day)
      .where(cond)
      .select("rollup_user_daily.user_id");
  const edges = [
    ...(from > span.firstDay ? [edgeDay(span.firstDay, (eb) => eb("rollup_user_daily.last_ts", "<", from))] : []),
    ...(to < span.lastDay + DAY ? [edgeDay(span.lastDay, (eb) => eb("rollup_user_daily.first_ts", ">=", to))] : []),
  ];
  const [whole, corrections] = await Promise.all([
    store.db
      .selectFrom("rollup_user_blocks")
      .where(inBlock)
      .select([days.as("n"), sql<number>`count(*)`.as("users")])
      .groupBy(sql`1`)
      .execute(),
    edges.length === 0
      ? []
      : store.db
          .with("o", () => (edges.length === 1 ? edges[0]! : edges[0]!.unionAll(edges[1]!)))
          .with("c", (db) =>
            db
              .selectFrom("o")
              .select(["o.user_id", sql<number>`count(*)`.as("c")])
              .groupBy("o.user_id"),
          )
          .selectFrom("c")
          .innerJoin("rollup_user_blocks", (join) =>
            join
              .onRef("rollup_user_blocks.user_id", "=", "c.user_id")
              .on("rollup_user_blocks.project_id", "=", scope.projectId)
              .on("rollup_user_blocks.block", "=", span.block),
          )
          .select([days.as("n"), "c.c", sql<number>`count(*)`.as("users")])
          .groupBy([sql`1`, "c.c"])
          .execute(),
  ]);
  const out = new Map<number, number>();
  const add = (n: number, users: number) => out.set(n, (out.get(n) ?? 0) + users);
  for (const r of whole) add(Number(r.n), Number(r.users));
  for (const r of corrections) {
    add(Number(r.n), -Number(r.users));
    add(Number(r.n) - Number(r.c), Number(r.users));
  }
  out.delete(0);
  return out;
}

/**
 * Unfiltered, in a zone whose local days are UTC days, over a range with a day boundary inside:
 * active days per user and the requests total straight from the rollups, no events scan.
 */
async function fastFigures(store: Store, scope: Scope): Promise<UsageFrequencyFigures | null> {
  const { from, to } = scope.interval;
  if (!unfiltered(scope.filters) || Math.ceil(from / DAY) > Math.floor(to / DAY) || !zoneAlignsWithDays(scope.timezone, scope.interval))
    return null;
  const [byDays, requests] = await Promise.all([
    usersByActiveDays(store, scope).then(async (m) => m ?? usersPerCount(await activeUtcDaysPerUser(store, scope.projectId, from, to))),
    requestsWithUser(store, scope.projectId, from, to),
  ]);
  const counts = new Map<ActiveDayBucket, number>(ACTIVE_DAY_BUCKETS.map((b) => [b, 0]));
  let userDays = 0;
  let activeUsers = 0;
  for (const [n, users] of byDays) {
    userDays += n * users;
    activeUsers += users;
    const bucket = bucketOf(n);
    counts.set(bucket, (counts.get(bucket) ?? 0) + users);
  }
  return {
    activeUsers,
    userDays,
    requests,
    requestsPerUserDay: ratio(requests, userDays),
    byActiveDays: ACTIVE_DAY_BUCKETS.map((bucket) => ({ bucket, users: counts.get(bucket) ?? 0 })),
  };
}

/** Users per number of active days, from each user's count. */
function usersPerCount(perUser: Map<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const n of perUser.values()) out.set(n, (out.get(n) ?? 0) + 1);
  return out;
}

async function figures(store: Store, scope: Scope): Promise<UsageFrequencyFigures> {
  const fast = await fastFigures(store, scope);
  if (fast) return fast;
  const activeDays = new Map<string, Set<number>>();
  let requests = 0;
  for (const d of await userUtcDays(store, scope)) {
    requests += d.requests;
    let days = activeDays.get(d.userId);
    if (!days) {
      days = new Set();
      activeDays.set(d.userId, days);
    }
    // A UTC day overlaps at most two local days of any real zone, and its first and last
    // requests are real requests: their local days are exactly the ones the user was active on.
    days.add(bucketStart(d.first, "day", scope.timezone));
    days.add(bucketStart(d.last, "day", scope.timezone));
  }
  const counts = new Map<ActiveDayBucket, number>(ACTIVE_DAY_BUCKETS.map((b) => [b, 0]));
  let userDays = 0;
  for (const days of activeDays.values()) {
    userDays += days.size;
    const bucket = bucketOf(days.size);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return {
    activeUsers: activeDays.size,
    userDays,
    requests,
    requestsPerUserDay: ratio(requests, userDays),
    byActiveDays: ACTIVE_DAY_BUCKETS.map((bucket) => ({ bucket, users: counts.get(bucket) ?? 0 })),
  };
}

/** kpi.usageFrequency: users by their number of active local days in the range, and requests per active user-day. */
export async function usageFrequency(store: Store, scope: Scope, compare: boolean): Promise<UsageFrequencyOutput> {
  const [current, previous] = await Promise.all([figures(store, scope), compare ? figures(store, previousScope(scope)) : null]);
  return { ...current, previous };
}
