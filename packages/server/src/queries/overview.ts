import type { OverviewFigures, OverviewOutput } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { aggregate, totalOf } from "./aggregate.js";
import { feedbackScoreGroups } from "./feedback-sums.js";
import { previousScope, type Scope } from "./scope.js";
import { latencySummary, ratio } from "./summaries.js";
import { uniqueUsers } from "./unique-users.js";

async function figures(store: Store, scope: Scope): Promise<OverviewFigures> {
  const [{ rows }, users, fb] = await Promise.all([
    aggregate(store, scope, { histograms: true }),
    uniqueUsers(store, scope),
    feedbackScoreGroups(store, scope),
  ]);
  const t = totalOf(rows);
  const count = fb.reduce((n, g) => n + g.count, 0);
  const scoreSum = fb.reduce((s, g) => s + g.scoreSum, 0);
  return {
    requests: t.requests,
    successRate: ratio(t.requests - t.errors, t.requests),
    errorRate: ratio(t.errors, t.requests),
    costUsd: t.costUsd,
    tokens: {
      input: t.inputTokens,
      output: t.outputTokens,
      cacheRead: t.cacheReadTokens,
      cacheWrite: t.cacheWriteTokens,
      reasoning: t.reasoningTokens,
    },
    latency: latencySummary(t.latencySum, t.latencyCount, t.latencyHist),
    uniqueUsers: users,
    fallbackRate: ratio(t.fallbacks, t.requests),
    rescueRate: ratio(t.rescued, t.rescueAttempts),
    feedback: { count, avgScore: count === 0 ? null : scoreSum / count },
    unpricedRequests: t.unpricedRequests,
  };
}

/** kpi.overview: the headline figures, and the previous period's when `compare` is set. */
export async function overview(store: Store, scope: Scope, compare: boolean): Promise<OverviewOutput> {
  const [current, previous] = await Promise.all([figures(store, scope), compare ? figures(store, previousScope(scope)) : null]);
  return { ...current, previous, percentiles: "histogram" };
}
