import type { UsersFigures, UsersOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { bucketStarts, gapFill, type Interval, nextBucketStart } from "../time/index.js";
import { activeUsersPerUtcDay, countActiveUsers, countActiveUsersByDays } from "./active-users.js";
import { eventConditions } from "./event-filters.js";
import { previousScope, type Scope, unfiltered, zoneAlignsWithDays } from "./scope.js";
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

/** Distinct users of the scope's (filtered) events in `interval`; unfiltered, from rollup_users. */
async function distinctUsers(store: Store, scope: Scope, interval: Interval): Promise<number> {
  if (unfiltered(scope.filters)) return countActiveUsers(store, scope.projectId, interval.from, interval.to);
  const row = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
    .where("events.user_id", "is not", null)
    .select(sql<number>`count(distinct events.user_id)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Users active in the scope who had a request (any, unfiltered) in the project before it starts: rollup_users.first_ts < from. */
async function returningUsers(store: Store, scope: Scope): Promise<number> {
  const { from, to } = scope.interval;
  if (unfiltered(scope.filters)) return countActiveUsers(store, scope.projectId, from, to, from);
  const row = await store.db
    .selectFrom("rollup_users as u")
    .where("u.project_id", "=", scope.projectId)
    .where("u.first_ts", "<", from)
    .where("u.last_ts", ">=", from)
    .where("u.user_id", "in", (eb) =>
      eb
        .selectFrom("events")
        .where((e) => eventConditions(e, scope.projectId, from, to, scope.filters))
        .where("events.user_id", "is not", null)
        .select("events.user_id")
        .$narrowType<{ user_id: string }>(),
    )
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

interface Activity {
  uniqueUsers: number;
  /** Active users per local day start (days of the range only). */
  perDay: Map<number, number>;
  /** Active users per local bucket start. */
  perBucket: Map<number, number>;
}

/** Active users per local bucket of `size` over the scope's interval, unfiltered, from the per-user-day rollup. */
async function activeByLocalBuckets(store: Store, scope: Scope, size: "day" | "week"): Promise<Map<number, number>> {
  const { from, to } = scope.interval;
  // Local days that are UTC days: one grouped count of user-day rows.
  if (size === "day" && zoneAlignsWithDays(scope.timezone, scope.interval)) return activeUsersPerUtcDay(store, scope.projectId, from, to);
  const out = new Map<number, number>();
  const starts = bucketStarts(from, to, size, scope.timezone);
  const counts = await Promise.all(
    starts.map((start) =>
      countActiveUsersByDays(store, scope.projectId, Math.max(start, from), Math.min(nextBucketStart(start, size, scope.timezone), to)),
    ),
  );
  starts.forEach((start, i) => {
    if (counts[i]! > 0) out.set(start, counts[i]!);
  });
  return out;
}

/** Active users overall, per local day and per bucket. */
async function activity(store: Store, scope: Scope, withSeries: boolean): Promise<Activity> {
  const { from, to } = scope.interval;
  if (unfiltered(scope.filters) && (scope.bucket === "day" || scope.bucket === "week")) {
    const [uniqueUsers, perDay, perBucket] = await Promise.all([
      countActiveUsers(store, scope.projectId, from, to),
      activeByLocalBuckets(store, scope, "day"),
      withSeries && scope.bucket === "week" ? activeByLocalBuckets(store, scope, "week") : null,
    ]);
    return { uniqueUsers, perDay, perBucket: perBucket ?? (withSeries ? perDay : new Map()) };
  }
  const grain = slotGrain(scope);
  const slots = await userSlots(store, scope, grain);
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
  const sizes = (map: Map<number, Set<string>>) => new Map([...map].map(([t, set]) => [t, set.size]));
  return { uniqueUsers: users.size, perDay: sizes(perDay), perBucket: sizes(perBucket) };
}

interface PeriodResult {
  figures: UsersFigures;
  perBucket: Map<number, number>;
}

async function period(store: Store, scope: Scope, withSeries: boolean): Promise<PeriodResult> {
  const { from, to } = scope.interval;
  const [act, wau, mau, returning] = await Promise.all([
    activity(store, scope, withSeries),
    distinctUsers(store, scope, { from: to - 7 * DAY, to }),
    distinctUsers(store, scope, { from: to - 30 * DAY, to }),
    returningUsers(store, scope),
  ]);
  const days = bucketStarts(from, to, "day", scope.timezone);
  const dau = days.reduce((s, d) => s + (act.perDay.get(d) ?? 0), 0) / days.length;
  return {
    figures: {
      uniqueUsers: act.uniqueUsers,
      dau,
      wau,
      mau,
      stickiness: ratio(dau, mau),
      newUsers: act.uniqueUsers - returning,
      returningUsers: returning,
    },
    perBucket: act.perBucket,
  };
}

/** kpi.users: active users, DAU/WAU/MAU, stickiness, new vs returning, and active users per bucket. */
export async function users(store: Store, scope: Scope, compare: boolean): Promise<UsersOutput> {
  const [current, previous] = await Promise.all([period(store, scope, true), compare ? period(store, previousScope(scope), false) : null]);
  const sizes = new Map([...current.perBucket].map(([t, n]) => [t, { activeUsers: n }]));
  const series = gapFill(scope.interval.from, scope.interval.to, scope.bucket, scope.timezone, sizes, () => ({ activeUsers: 0 }));
  return { ...current.figures, series, previous: previous?.figures ?? null };
}
