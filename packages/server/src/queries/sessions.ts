import { SESSION_DEPTHS, type SessionsFigures, type SessionsOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { eventConditions } from "./event-filters.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

type Depth = (typeof SESSION_DEPTHS)[number];

function depthOf(requests: number): Depth {
  if (requests <= 1) return "1";
  if (requests === 2) return "2";
  if (requests <= 5) return "3-5";
  if (requests <= 10) return "6-10";
  return "11+";
}

/**
 * How many sessions had each number of requests in the scope. Counting per session and then per
 * count inside the database keeps the answer to a few rows however many sessions there are.
 */
async function sessionsBySize(store: Store, scope: Scope): Promise<{ size: number; sessions: number }[]> {
  const perSession = store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, scope.interval.from, scope.interval.to, scope.filters))
    .where("events.session_id", "is not", null)
    .groupBy("events.session_id")
    .select(sql<number>`count(*)`.as("size"));
  const rows = await store.db
    .selectFrom(perSession.as("s"))
    .select(["s.size", sql<number>`count(*)`.as("sessions")])
    .groupBy("s.size")
    .execute();
  return rows.map((r) => ({ size: Number(r.size), sessions: Number(r.sessions) }));
}

async function figures(store: Store, scope: Scope): Promise<SessionsFigures> {
  const depths = new Map<Depth, number>(SESSION_DEPTHS.map((d) => [d, 0]));
  let sessions = 0;
  let requests = 0;
  let sessionsWithFollowUp = 0;
  for (const { size, sessions: n } of await sessionsBySize(store, scope)) {
    sessions += n;
    requests += size * n;
    if (size >= 2) sessionsWithFollowUp += n;
    const depth = depthOf(size);
    depths.set(depth, (depths.get(depth) ?? 0) + n);
  }
  return {
    sessions,
    requests,
    avgRequestsPerSession: ratio(requests, sessions),
    repeatRate: ratio(requests - sessions, requests),
    sessionsWithFollowUp,
    byRequests: SESSION_DEPTHS.map((bucket) => ({ bucket, sessions: depths.get(bucket) ?? 0 })),
  };
}

/** kpi.sessions: sessions, their depth and how often users follow up, over requests that carry a sessionId. */
export async function sessions(store: Store, scope: Scope, compare: boolean): Promise<SessionsOutput> {
  const [current, previous] = await Promise.all([figures(store, scope), compare ? figures(store, previousScope(scope)) : null]);
  return { ...current, previous };
}
