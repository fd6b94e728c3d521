import type { FeaturesOutput } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { histogramPercentile } from "../rollups/latency-histogram.js";
import { type Agg, aggregate, totalOf } from "./aggregate.js";
import { eventConditions } from "./event-filters.js";
import { feedbackInScope } from "./feedback-scope.js";
import { compareText } from "./model-key.js";
import { ratedFeedback } from "./rated-feedback.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

type Row = FeaturesOutput["rows"][number];
type Overall = FeaturesOutput["overall"];

/** What a row is built from, whichever way it was read. */
interface Group {
  requests: number;
  errors: number;
  costUsd: number;
  unpricedRequests: number;
  p95: number | null;
  feedbackCount: number;
  scoreSum: number;
}

const zero = (): Group => ({ requests: 0, errors: 0, costUsd: 0, unpricedRequests: 0, p95: null, feedbackCount: 0, scoreSum: 0 });

/** Feedback given in the range on an event in scope (feedback without an event names no feature or tag). */
function feedbackOnEvents(store: Store, scope: Scope) {
  return feedbackInScope(store, scope).innerJoin("events", (join) =>
    join.onRef("events.id", "=", "feedback.event_id").on("events.project_id", "=", scope.projectId),
  );
}

function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[Math.max(1, Math.ceil((p / 100) * values.length)) - 1] ?? null;
}

function tagsOf(json: string | null): (string | null)[] {
  const tags = json ? [...new Set(JSON.parse(json) as string[])] : [];
  return tags.length > 0 ? tags : [null];
}

/** Per feature from the rollup (p95 from histograms), feedback grouped in SQL. */
async function byFeature(store: Store, scope: Scope): Promise<{ groups: Map<string | null, Group>; overall: Group }> {
  const [{ rows }, feedback] = await Promise.all([
    aggregate(store, scope, { by: ["feature"], histograms: true }),
    ratedFeedback(store, scope, "feature"),
  ]);
  const fromAgg = (a: Agg): Group => ({
    ...zero(),
    requests: a.requests,
    errors: a.errors,
    costUsd: a.costUsd,
    unpricedRequests: a.unpricedRequests,
    p95: histogramPercentile(a.latencyHist, 95),
  });
  const groups = new Map(rows.map((r) => [r.key.feature ?? null, fromAgg(r.agg)]));
  const overall = fromAgg(totalOf(rows));
  for (const [feature, { count, scoreSum: sum }] of feedback) {
    const g = groups.get(feature);
    overall.feedbackCount += count;
    overall.scoreSum += sum;
    if (g) {
      g.feedbackCount += count;
      g.scoreSum += sum;
    }
  }
  return { groups, overall };
}

/** Per tag from events (tags are JSON on each event): an event counts once in each of its tags, p95 exact. */
async function byTag(store: Store, scope: Scope): Promise<{ groups: Map<string | null, Group>; overall: Group }> {
  const { from, to } = scope.interval;
  const [events, feedback] = await Promise.all([
    store.db
      .selectFrom("events")
      .where((eb) => eventConditions(eb, scope.projectId, from, to, scope.filters))
      .select(["events.tags", "events.status", "events.cost_usd", "events.latency_ms"])
      .execute(),
    feedbackOnEvents(store, scope).select(["events.tags", "feedback.score"]).execute(),
  ]);
  const latencyStatus = scope.filters.status ?? "success";
  const groups = new Map<string | null, Group>();
  const latencies = new Map<string | null, number[]>();
  const groupOf = (tag: string | null): Group => {
    let g = groups.get(tag);
    if (!g) {
      g = zero();
      groups.set(tag, g);
      latencies.set(tag, []);
    }
    return g;
  };
  const overall = zero();
  for (const e of events) {
    const tags = tagsOf(e.tags);
    for (const g of [overall, ...tags.map(groupOf)]) {
      g.requests += 1;
      if (e.status === "error") g.errors += 1;
      if (e.cost_usd === null) g.unpricedRequests += 1;
      else g.costUsd += Number(e.cost_usd);
    }
    if (e.status === latencyStatus) for (const t of tags) latencies.get(t)!.push(Number(e.latency_ms));
  }
  for (const [t, g] of groups) g.p95 = nearestRank(latencies.get(t) ?? [], 95);
  for (const f of feedback) {
    overall.feedbackCount += 1;
    overall.scoreSum += Number(f.score);
    for (const t of tagsOf(f.tags)) {
      const g = groups.get(t);
      if (!g) continue;
      g.feedbackCount += 1;
      g.scoreSum += Number(f.score);
    }
  }
  return { groups, overall };
}

function summarize(g: Group): Overall {
  return {
    requests: g.requests,
    errorRate: ratio(g.errors, g.requests),
    feedbackCount: g.feedbackCount,
    avgScore: ratio(g.scoreSum, g.feedbackCount),
    costUsd: g.costUsd,
  };
}

function toRow(name: string | null, g: Group, overall: Overall): Row {
  const s = summarize(g);
  const reasons: Row["difficultyReasons"] = [];
  if (s.errorRate !== null && overall.errorRate !== null && s.errorRate > 2 * overall.errorRate) reasons.push("errorRate");
  if (s.avgScore !== null && overall.avgScore !== null && s.avgScore < overall.avgScore - 0.15) reasons.push("avgScore");
  return {
    name,
    requests: g.requests,
    share: ratio(g.requests, overall.requests),
    errorRate: s.errorRate,
    feedbackCount: g.feedbackCount,
    avgScore: s.avgScore,
    costUsd: g.costUsd,
    unpricedRequests: g.unpricedRequests,
    p95: g.p95,
    difficulty: reasons.length > 0,
    difficultyReasons: reasons,
  };
}

async function previousOverall(store: Store, scope: Scope): Promise<Overall> {
  const [{ rows }, feedback] = await Promise.all([aggregate(store, scope), ratedFeedback(store, scope, "feature")]);
  const t = totalOf(rows);
  const fb = { count: 0, scoreSum: 0 };
  for (const v of feedback.values()) {
    fb.count += v.count;
    fb.scoreSum += v.scoreSum;
  }
  return summarize({
    ...zero(),
    requests: t.requests,
    errors: t.errors,
    costUsd: t.costUsd,
    feedbackCount: fb.count,
    scoreSum: fb.scoreSum,
  });
}

/**
 * kpi.features: requests, errors, feedback, cost and p95 per feature (or per tag), flagging where
 * users struggle against the overall baseline. Feedback follows kpi.overview: given in the range,
 * on an event that matches the filters; here only feedback on an event counts.
 */
export async function features(store: Store, scope: Scope, input: { compare: boolean; by: "feature" | "tag" }): Promise<FeaturesOutput> {
  const [{ groups, overall }, previous] = await Promise.all([
    input.by === "tag" ? byTag(store, scope) : byFeature(store, scope),
    input.compare ? previousOverall(store, previousScope(scope)) : null,
  ]);
  const baseline = summarize(overall);
  const rows = [...groups]
    .filter(([, g]) => g.requests > 0)
    .map(([name, g]) => toRow(name, g, baseline))
    .sort((a, b) => b.requests - a.requests || compareText(a.name, b.name));
  return { by: input.by, rows, overall: baseline, previous, percentiles: input.by === "tag" ? "exact" : "histogram" };
}
