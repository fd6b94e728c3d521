import type { Filters, TopUserRow, TopUsersOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import type { Interval } from "../time/index.js";
import { eventConditions } from "./event-filters.js";
import { feedbackInScope } from "./feedback-scope.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

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

/** Per-user sums over the scope: whole UTC days from rollup_user_daily, raw events at the edges or under other filters. */
async function userTotals(store: Store, scope: Scope, only?: readonly string[]): Promise<Map<string, UserTotals>> {
  const out = new Map<string, UserTotals>();
  if (only?.length === 0) return out;
  const plan = planUserSources(scope);
  if (plan.days) {
    let q = store.db
      .selectFrom("rollup_user_daily")
      .where("rollup_user_daily.project_id", "=", scope.projectId)
      .where("rollup_user_daily.day", ">=", plan.days.from)
      .where("rollup_user_daily.day", "<", plan.days.to)
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
    for (const r of await q.execute()) {
      addTotals(out, r.user_id, {
        requests: Number(r.requests),
        errors: Number(r.errors),
        costUsd: Number(r.cost_usd ?? 0),
        unpricedRequests: Number(r.unpriced),
        tokens: Number(r.tokens),
        firstTs: Number(r.first_ts),
        lastTs: Number(r.last_ts),
      });
    }
  }
  for (const interval of plan.events) {
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
    for (const r of await q.execute()) {
      addTotals(out, r.user_id as string, {
        requests: Number(r.requests),
        errors: Number(r.errors),
        costUsd: Number(r.cost_usd ?? 0),
        unpricedRequests: Number(r.unpriced),
        tokens: Number(r.tokens),
        firstTs: Number(r.first_ts),
        lastTs: Number(r.last_ts),
      });
    }
  }
  return out;
}

const RANK: Record<TopUsersBy, (t: UserTotals) => number> = {
  requests: (t) => t.requests,
  cost: (t) => t.costUsd,
  tokens: (t) => t.tokens,
};

/** kpi.topUsers: the heaviest users by requests, priced spend or tokens, with their error rate and feedback. */
export async function topUsers(
  store: Store,
  scope: Scope,
  input: { by: TopUsersBy; limit: number; compare: boolean },
): Promise<TopUsersOutput> {
  const totals = await userTotals(store, scope);
  const key = RANK[input.by];
  // Ties (e.g. equal request counts) break by user id so pages are stable.
  const top = [...totals.entries()].sort(([ua, a], [ub, b]) => key(b) - key(a) || (ua < ub ? -1 : ua > ub ? 1 : 0)).slice(0, input.limit);
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
