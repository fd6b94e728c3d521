import type { Filters, TopUserRow, TopUsersOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import type { Interval } from "../time/index.js";
import { eventConditions } from "./event-filters.js";
import { feedbackInScope } from "./feedback-scope.js";
import { previousScope, type Scope, unfiltered } from "./scope.js";
import { ratio } from "./summaries.js";
import { blockSpanOf } from "./user-blocks.js";

const DAY = 86_400_000;

export type TopUsersBy = "requests" | "cost" | "tokens";

interface UserTotals {
  requests: number;
  errors: number;
  costUsd: number;
  unpricedRequests: number;
  tokens: number;
  firstTs: number;
  lastTs: number;
}

/** The per-user-day rollup has a user dimension but no other: it can answer only a userId filter. */
function userRollupCanFilter(filters: Filters): boolean {
  return Object.entries(filters).every(([k, v]) => k === "userId" || v === undefined || (Array.isArray(v) && v.length === 0));
}

/** Which UTC days the per-user-day rollup answers and which edge intervals need raw events. */
function planUserSources(scope: Scope): { days: Interval | null; events: Interval[] } {
  const { from, to } = scope.interval;
  const a = Math.ceil(from / DAY) * DAY;
  const b = Math.floor(to / DAY) * DAY;
  if (!userRollupCanFilter(scope.filters) || a >= b) return { days: null, events: [scope.interval] };
  const events: Interval[] = [];
  if (from < a) events.push({ from, to: a });
  if (b < to) events.push({ from: b, to });
  return { days: { from: a, to: b }, events };
}

function addTotals(map: Map<string, UserTotals>, userId: string, t: UserTotals): void {
  const prev = map.get(userId);
  if (!prev) {
    map.set(userId, t);
    return;
  }
  prev.requests += t.requests;
  prev.errors += t.errors;
  prev.costUsd += t.costUsd;
  prev.unpricedRequests += t.unpricedRequests;
  prev.tokens += t.tokens;
  prev.firstTs = Math.min(prev.firstTs, t.firstTs);
  prev.lastTs = Math.max(prev.lastTs, t.lastTs);
}

function totalsOfRow(r: {
  requests: unknown;
  errors: unknown;
  cost_usd: unknown;
  unpriced: unknown;
  tokens: unknown;
  first_ts: unknown;
  last_ts: unknown;
}): UserTotals {
  return {
    requests: Number(r.requests),
    errors: Number(r.errors),
    costUsd: Number(r.cost_usd ?? 0),
    unpricedRequests: Number(r.unpriced),
    tokens: Number(r.tokens),
    firstTs: Number(r.first_ts),
    lastTs: Number(r.last_ts),
  };
}

/** The UTC day starts of whole days [from, to). */
function dayStarts(days: Interval): number[] {
  const out: number[] = [];
  for (let d = days.from; d < days.to; d += DAY) out.push(d);
  return out;
}

/**
 * Rows of rollup_user_daily in whole UTC days [from, to). For some users only, the days are listed
 * so that (day, user) pairs are probed on the primary key rather than the whole range scanned.
 */
function userDaysIn(store: Store, scope: Scope, days: Interval, someUsers: boolean) {
  const q = store.db.selectFrom("rollup_user_daily").where("rollup_user_daily.project_id", "=", scope.projectId);
  if (someUsers) return q.where("rollup_user_daily.day", "in", dayStarts(days));
  return q.where("rollup_user_daily.day", ">=", days.from).where("rollup_user_daily.day", "<", days.to);
}

/** Per-user sums over whole UTC days [from, to) of rollup_user_daily, aggregated in SQL. */
async function dayTotals(store: Store, scope: Scope, days: Interval, only?: readonly string[]): Promise<Map<string, UserTotals>> {
  const out = new Map<string, UserTotals>();
  if (days.from >= days.to) return out;
  let q = userDaysIn(store, scope, days, only !== undefined || scope.filters.userId !== undefined)
    .select([
      "rollup_user_daily.user_id",
      sql<number>`sum(requests)`.as("requests"),
      sql<number>`sum(errors)`.as("errors"),
      sql<number>`sum(cost_usd)`.as("cost_usd"),
      sql<number>`sum(unpriced_requests)`.as("unpriced"),
      sql<number>`sum(tokens)`.as("tokens"),
      sql<number>`min(first_ts)`.as("first_ts"),
      sql<number>`max(last_ts)`.as("last_ts"),
    ])
    .groupBy("rollup_user_daily.user_id");
  if (scope.filters.userId !== undefined) q = q.where("rollup_user_daily.user_id", "=", scope.filters.userId);
  if (only) q = q.where("rollup_user_daily.user_id", "in", only);
  for (const r of await q.execute()) out.set(r.user_id, totalsOfRow(r));
  return out;
}

/** Per-user sums of the scope's raw events in `interval` (optionally only some users), aggregated in SQL. */
async function eventTotals(store: Store, scope: Scope, interval: Interval, only?: readonly string[]): Promise<Map<string, UserTotals>> {
  const out = new Map<string, UserTotals>();
  let q = store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
    .where("events.user_id", "is not", null)
    .select([
      "events.user_id",
      sql<number>`count(*)`.as("requests"),
      sql<number>`sum(case when events.status = 'error' then 1 else 0 end)`.as("errors"),
      sql<number | null>`sum(events.cost_usd)`.as("cost_usd"),
      sql<number>`sum(case when events.cost_usd is null then 1 else 0 end)`.as("unpriced"),
      sql<number>`sum(events.input_tokens + events.output_tokens)`.as("tokens"),
      sql<number>`min(events.ts)`.as("first_ts"),
      sql<number>`max(events.ts)`.as("last_ts"),
    ])
    .groupBy("events.user_id");
  if (only) q = q.where("events.user_id", "in", only);
  for (const r of await q.execute()) out.set(r.user_id as string, totalsOfRow(r));
  return out;
}

/** Per-user sums over the scope: whole UTC days from rollup_user_daily, raw events at the edges or under other filters. */
async function userTotals(store: Store, scope: Scope, only?: readonly string[]): Promise<Map<string, UserTotals>> {
  if (only?.length === 0) return new Map();
  const plan = planUserSources(scope);
  const out = plan.days ? await dayTotals(store, scope, plan.days, only) : new Map<string, UserTotals>();
  for (const interval of plan.events) {
    for (const [userId, t] of await eventTotals(store, scope, interval, only)) addTotals(out, userId, t);
  }
  return out;
}

const RANK: Record<TopUsersBy, (t: UserTotals) => number> = {
  requests: (t) => t.requests,
  cost: (t) => t.costUsd,
  tokens: (t) => t.tokens,
};

/** Above this many users, rows are summed for everyone rather than listed by id. */
const MAX_LISTED_USERS = 500;

const KEY_COLUMN: Record<TopUsersBy, "requests" | "cost_usd" | "tokens"> = { requests: "requests", cost: "cost_usd", tokens: "tokens" };

/**
 * The top `limit` users by `by`, exact, in two passes. First only the ranking sum of whole UTC days
 * is aggregated for every user (the one pass over a month of user-day rows). A partial edge day's
 * rollup row bounds its user's share of that day: all of it when its first and last requests fall
 * inside the range, none when both fall outside, between 0 and the whole row when they straddle
 * the edge. Users whose upper bound is below the `limit`-th largest lower bound cannot be in the
 * top; the others get their full sums, from raw events only for their straddling edges.
 */
async function topTotals(store: Store, scope: Scope, by: TopUsersBy, limit: number): Promise<[string, UserTotals][]> {
  const key = RANK[by];
  const plan = planUserSources(scope);
  const byKey = (entries: [string, UserTotals][]) =>
    // Ties (e.g. equal request counts) break by user id so pages are stable.
    entries.sort(([ua, a], [ub, b]) => key(b) - key(a) || (ua < ub ? -1 : ua > ub ? 1 : 0)).slice(0, limit);
  if (!plan.days) return byKey([...(await userTotals(store, scope)).entries()]);
  const days = plan.days;
  const filterUser = scope.filters.userId;
  const edgeRows = (interval: Interval) => {
    let q = store.db
      .selectFrom("rollup_user_daily")
      .where("project_id", "=", scope.projectId)
      .where("day", "=", Math.floor(interval.from / DAY) * DAY)
      .where("first_ts", "<", interval.to)
      .where("last_ts", ">=", interval.from)
      .select(["user_id", "requests", "errors", "cost_usd", "unpriced_requests as unpriced", "tokens", "first_ts", "last_ts"]);
    if (filterUser !== undefined) q = q.where("user_id", "=", filterUser);
    return q.execute();
  };
  const wholeKeys = async () => {
    if (days.from >= days.to) return new Map<string, number>();
    let q = userDaysIn(store, scope, days, filterUser !== undefined)
      .select(["rollup_user_daily.user_id", sql<number>`sum(${sql.ref(`rollup_user_daily.${KEY_COLUMN[by]}`)})`.as("k")])
      .groupBy("rollup_user_daily.user_id");
    if (filterUser !== undefined) q = q.where("rollup_user_daily.user_id", "=", filterUser);
    return new Map((await q.execute()).map((r) => [r.user_id, Number(r.k ?? 0)]));
  };
  const [lower, ...edges] = await Promise.all([wholeKeys(), ...plan.events.map(edgeRows)]);
  const slack = new Map<string, number>();
  plan.events.forEach((interval, i) => {
    for (const r of edges[i]!) {
      const k = key(totalsOfRow(r));
      if (Number(r.first_ts) >= interval.from && Number(r.last_ts) < interval.to) lower.set(r.user_id, (lower.get(r.user_id) ?? 0) + k);
      else slack.set(r.user_id, (slack.get(r.user_id) ?? 0) + k);
    }
  });
  const lowers = [...lower.values()].sort((a, b) => b - a);
  const bar = lowers.length >= limit ? lowers[limit - 1]! : Number.NEGATIVE_INFINITY;
  const candidates = new Set<string>();
  for (const u of new Set([...lower.keys(), ...slack.keys()])) if ((lower.get(u) ?? 0) + (slack.get(u) ?? 0) >= bar) candidates.add(u);
  if (candidates.size === 0) return [];
  const listed = candidates.size <= MAX_LISTED_USERS ? [...candidates] : undefined;
  const straddling = (i: number) =>
    edges[i]!.filter(
      (r) => candidates.has(r.user_id) && !(Number(r.first_ts) >= plan.events[i]!.from && Number(r.last_ts) < plan.events[i]!.to),
    );
  const [whole, ...exact] = await Promise.all([
    dayTotals(store, scope, days, listed),
    ...plan.events.map((interval, i) => {
      const users = straddling(i).map((r) => r.user_id);
      if (users.length === 0) return new Map<string, UserTotals>();
      return eventTotals(store, scope, interval, users.length <= MAX_LISTED_USERS ? users : undefined);
    }),
  ]);
  const totals = new Map<string, UserTotals>();
  for (const [u, t] of whole) if (candidates.has(u)) addTotals(totals, u, t);
  plan.events.forEach((_interval, i) => {
    const straddlers = new Set(straddling(i).map((r) => r.user_id));
    for (const r of edges[i]!) {
      if (candidates.has(r.user_id) && !straddlers.has(r.user_id)) addTotals(totals, r.user_id, totalsOfRow(r));
    }
    for (const [u, t] of exact[i]!) if (straddlers.has(u)) addTotals(totals, u, t);
  });
  return byKey([...totals.entries()]);
}

/**
 * Exact sums over the scope for some users, unfiltered: whole UTC days from rollup_user_daily, and
 * at each partial edge day the user's row for that day when its first and last requests both fall
 * inside the edge (or neither does); raw events only for rows straddling the edge.
 */
async function candidateTotals(store: Store, scope: Scope, ids: readonly string[]): Promise<Map<string, UserTotals>> {
  const plan = planUserSources(scope);
  if (!plan.days || ids.length === 0) return userTotals(store, scope, ids);
  const edgeTotals = async (interval: Interval) => {
    const rows = await store.db
      .selectFrom("rollup_user_daily")
      .where("project_id", "=", scope.projectId)
      .where("day", "=", Math.floor(interval.from / DAY) * DAY)
      .where("user_id", "in", ids)
      .select(["user_id", "requests", "errors", "cost_usd", "unpriced_requests as unpriced", "tokens", "first_ts", "last_ts"])
      .execute();
    const out = new Map<string, UserTotals>();
    const straddling: string[] = [];
    for (const r of rows) {
      const first = Number(r.first_ts);
      const last = Number(r.last_ts);
      if (first >= interval.from && last < interval.to) out.set(r.user_id, totalsOfRow(r));
      else if (last >= interval.from && first < interval.to) straddling.push(r.user_id);
    }
    if (straddling.length > 0) for (const [u, t] of await eventTotals(store, scope, interval, straddling)) out.set(u, t);
    return out;
  };
  const [whole, ...edges] = await Promise.all([dayTotals(store, scope, plan.days, ids), ...plan.events.map(edgeTotals)]);
  for (const edge of edges) for (const [u, t] of edge) addTotals(whole, u, t);
  return whole;
}

/** Candidates fetched per round beyond `limit`: enough that one round usually settles the top. */
const BLOCK_CANDIDATES = 20;

/**
 * The top `limit` users by `by`, exact, for unfiltered ranges lying inside one rollup_user_blocks
 * block: a user's block sum bounds their sum over the range from above, so users are taken in
 * order of that bound, their exact totals computed, until no user left unread has a bound
 * reaching the `limit`-th exact total. Null when no block holds the range or filters are set.
 */
async function topFromBlocks(store: Store, scope: Scope, by: TopUsersBy, limit: number): Promise<[string, UserTotals][] | null> {
  const span = blockSpanOf(scope.interval);
  if (!span || !unfiltered(scope.filters)) return null;
  const key = RANK[by];
  const bound = sql.ref<number>(`rollup_user_blocks.${KEY_COLUMN[by]}`);
  const candidates = (atLeast: number | null, count: number | null) => {
    let q = store.db
      .selectFrom("rollup_user_blocks")
      .where("rollup_user_blocks.project_id", "=", scope.projectId)
      .where("rollup_user_blocks.block", "=", span.block)
      .select(["rollup_user_blocks.user_id", bound.as("k")])
      .orderBy(bound, "desc")
      .orderBy("rollup_user_blocks.user_id");
    if (atLeast !== null) q = q.where(bound, ">=", atLeast);
    if (count !== null) q = q.limit(count);
    return q.execute();
  };
  const totals = new Map<string, UserTotals>();
  const read = new Set<string>();
  const evaluate = async (ids: string[]) => {
    for (const id of ids) read.add(id);
    for (const [u, t] of await candidateTotals(store, scope, ids)) totals.set(u, t);
  };
  const first = await candidates(null, limit + BLOCK_CANDIDATES);
  await evaluate(first.map((r) => r.user_id));
  if (first.length === limit + BLOCK_CANDIDATES) {
    const keys = [...totals.values()].map(key).sort((a, b) => b - a);
    // Users whose bound reaches the `limit`-th exact total may still enter (ties included); spend, a float sum, gets a hair of slack.
    const kth = keys.length >= limit ? keys[limit - 1]! : 0;
    const bar = by === "cost" ? kth * (1 - 1e-9) - 1e-12 : kth;
    const more = (await candidates(bar, null)).map((r) => r.user_id).filter((u) => !read.has(u));
    for (let i = 0; i < more.length; i += MAX_LISTED_USERS) await evaluate(more.slice(i, i + MAX_LISTED_USERS));
  }
  return [...totals.entries()].sort(([ua, a], [ub, b]) => key(b) - key(a) || (ua < ub ? -1 : ua > ub ? 1 : 0)).slice(0, limit);
}

/** kpi.topUsers: the heaviest users by requests, priced spend or tokens, with their error rate and feedback. */
export async function topUsers(
  store: Store,
  scope: Scope,
  input: { by: TopUsersBy; limit: number; compare: boolean },
): Promise<TopUsersOutput> {
  const top = (await topFromBlocks(store, scope, input.by, input.limit)) ?? (await topTotals(store, scope, input.by, input.limit));
  const ids = top.map(([id]) => id);
  const [feedback, previous] = await Promise.all([
    ids.length === 0
      ? []
      : feedbackInScope(store, scope)
          .where("feedback.user_id", "in", ids)
          .select(["feedback.user_id", sql<number>`count(*)`.as("count"), sql<number | null>`avg(feedback.score)`.as("avg")])
          .groupBy("feedback.user_id")
          .execute(),
    input.compare ? userTotals(store, previousScope(scope), ids) : null,
  ]);
  const fbBy = new Map(feedback.map((r) => [r.user_id as string, r]));
  const rows: TopUserRow[] = top.map(([userId, t]) => {
    const fb = fbBy.get(userId);
    const count = Number(fb?.count ?? 0);
    const prev = previous?.get(userId);
    return {
      userId,
      requests: t.requests,
      costUsd: t.costUsd,
      unpricedRequests: t.unpricedRequests,
      tokens: t.tokens,
      errorRate: ratio(t.errors, t.requests),
      feedbackCount: count,
      avgScore: count === 0 || fb?.avg === null || fb?.avg === undefined ? null : Number(fb.avg),
      firstSeen: new Date(t.firstTs).toISOString(),
      lastSeen: new Date(t.lastTs).toISOString(),
      previous: previous ? { requests: prev?.requests ?? 0, costUsd: prev?.costUsd ?? 0, tokens: prev?.tokens ?? 0 } : null,
    };
  });
  return { rows };
}
