import type { UsersFigures, UsersOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { bucketStarts, gapFill, type Interval } from "../time/index.js";
import { eventConditions } from "./event-filters.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";
import { slotBucketer, slotGrain, slotOf } from "./time-slots.js";

const DAY = 86_400_000;

/** Distinct (user, time slot) pairs of the scope's events: compact enough to fold into any local bucketing in JS. */
async function userSlots(store: Store, scope: Scope, grain: number): Promise<{ user_id: string; slot: number }[]> {
  const { from, to } = scope.interval;
  const rows = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, from, to, scope.filters))
    .where("events.user_id", "is not", null)
    .select(["events.user_id", slotOf("events.ts", grain).as("slot")])
    .distinct()
    .execute();
  return rows.map((r) => ({ user_id: r.user_id as string, slot: Number(r.slot) }));
}

async function distinctUsers(store: Store, scope: Scope, interval: Interval): Promise<number> {
  const row = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
    .where("events.user_id", "is not", null)
    .select(sql<number>`count(distinct events.user_id)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Users active in the scope who had a request (any, unfiltered) in the project before it starts. */
async function returningUsers(store: Store, scope: Scope): Promise<number> {
  const { from, to } = scope.interval;
  const row = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, from, to, scope.filters))
    .where("events.user_id", "is not", null)
    .where((eb) =>
      eb.exists(
        // The per-user-day rollup keeps each day's exact first request time, so this never reads old events.
        eb
          .selectFrom("rollup_user_daily")
          .select("rollup_user_daily.day")
          .where("rollup_user_daily.project_id", "=", scope.projectId)
          .whereRef("rollup_user_daily.user_id", "=", "events.user_id")
          .where("rollup_user_daily.day", "<", from)
          .where("rollup_user_daily.first_ts", "<", from),
      ),
    )
    .select(sql<number>`count(distinct events.user_id)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

interface PeriodResult {
  figures: UsersFigures;
  perBucket: Map<number, Set<string>>;
}

async function period(store: Store, scope: Scope, withSeries: boolean): Promise<PeriodResult> {
  const { from, to } = scope.interval;
  const grain = slotGrain(scope);
  const [slots, wau, mau, returning] = await Promise.all([
    userSlots(store, scope, grain),
    distinctUsers(store, scope, { from: to - 7 * DAY, to }),
    distinctUsers(store, scope, { from: to - 30 * DAY, to }),
    returningUsers(store, scope),
  ]);
  const users = new Set<string>();
  const perDay = new Map<number, Set<string>>();
  const perBucket = new Map<number, Set<string>>();
  const dayOf = slotBucketer(grain, "day", scope.timezone);
  const bucketOf = slotBucketer(grain, scope.bucket, scope.timezone);
  const add = (map: Map<number, Set<string>>, key: number, user: string) => {
    const set = map.get(key);
    if (set) set.add(user);
    else map.set(key, new Set([user]));
  };
  for (const { user_id, slot } of slots) {
    users.add(user_id);
    add(perDay, dayOf(slot), user_id);
    if (withSeries) add(perBucket, bucketOf(slot), user_id);
  }
  const days = bucketStarts(from, to, "day", scope.timezone);
  const dau = days.reduce((s, d) => s + (perDay.get(d)?.size ?? 0), 0) / days.length;
  return {
    figures: {
      uniqueUsers: users.size,
      dau,
      wau,
      mau,
      stickiness: ratio(dau, mau),
      newUsers: users.size - returning,
      returningUsers: returning,
    },
    perBucket,
  };
}

/** kpi.users: active users, DAU/WAU/MAU, stickiness, new vs returning, and active users per bucket. */
export async function users(store: Store, scope: Scope, compare: boolean): Promise<UsersOutput> {
  const [current, previous] = await Promise.all([period(store, scope, true), compare ? period(store, previousScope(scope), false) : null]);
  const sizes = new Map([...current.perBucket].map(([t, set]) => [t, { activeUsers: set.size }]));
  const series = gapFill(scope.interval.from, scope.interval.to, scope.bucket, scope.timezone, sizes, () => ({ activeUsers: 0 }));
  return { ...current.figures, series, previous: previous?.figures ?? null };
}
