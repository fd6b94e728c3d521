import type { Filters, Goal, GoalEvaluation, GoalInput, GoalMetric, GoalsEvaluateOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import type { GoalsTable } from "../db/tables.js";
import { uuidv7 } from "../ids.js";
import { OUTAGE_ERROR_TYPES } from "../rollups/deltas.js";
import { histogramPercentile } from "../rollups/latency-histogram.js";
import { type Interval, lastRangeMs } from "../time/index.js";
import { type Agg, aggregate, totalOf } from "./aggregate.js";
import { eventConditions } from "./event-filters.js";
import { feedbackInScope } from "./feedback-scope.js";
import type { Scope } from "./scope.js";
import { ratio } from "./summaries.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

function toGoal(r: Pick<GoalsTable, "id" | "metric" | "op" | "target" | "window" | "filters">): Goal {
  const goal: Goal = { id: r.id, metric: r.metric as GoalMetric, op: r.op, target: Number(r.target), window: r.window };
  if (r.filters !== null) goal.filters = JSON.parse(r.filters) as Filters;
  return goal;
}

/** A project's goals, oldest first. */
export async function listGoals(store: Store, projectId: string): Promise<Goal[]> {
  const rows = await store.db
    .selectFrom("goals")
    .select(["id", "metric", "op", "target", "window", "filters"])
    .where("project_id", "=", projectId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toGoal);
}

/** Creates a goal (id assigned when absent) or replaces the one with the same id. */
export async function upsertGoal(store: Store, projectId: string, input: GoalInput, now = Date.now()): Promise<Goal> {
  const filters = input.filters && Object.keys(input.filters).length > 0 ? JSON.stringify(input.filters) : null;
  const values = { metric: input.metric, op: input.op, target: input.target, window: input.window, filters };
  const id = input.id ?? uuidv7(now);
  // Strictly increasing per project, so goals created within one millisecond still list in creation order.
  const latest = await store.db
    .selectFrom("goals")
    .select(sql<number | null>`max(created_at)`.as("t"))
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  const createdAt = Math.max(now, Number(latest?.t ?? 0) + 1);
  await store.db
    .insertInto("goals")
    .values({ project_id: projectId, id, created_at: createdAt, ...values })
    .onConflict((oc) => oc.columns(["project_id", "id"]).doUpdateSet(values))
    .execute();
  return toGoal({ id, ...values });
}

/** Deletes a goal; false when the project has none with that id. */
export async function deleteGoal(store: Store, projectId: string, id: string): Promise<boolean> {
  const res = await store.db.deleteFrom("goals").where("project_id", "=", projectId).where("id", "=", id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Requests and outage failures per UTC minute of the scope, all providers and models combined. */
async function minuteCounts(store: Store, scope: Scope): Promise<Map<number, { requests: number; outage: number }>> {
  const out = new Map<number, { requests: number; outage: number }>();
  const add = (minute: number, requests: number, outage: number) => {
    const m = out.get(minute) ?? { requests: 0, outage: 0 };
    m.requests += requests;
    m.outage += outage;
    out.set(minute, m);
  };
  const { from, to } = scope.interval;
  // rollup_minute is keyed by provider and model only; any other filter needs the raw events.
  const rollupFits = Object.entries(scope.filters).every(
    ([k, v]) => k === "provider" || k === "model" || v === undefined || (Array.isArray(v) && v.length === 0),
  );
  const a = Math.ceil(from / MINUTE) * MINUTE;
  const b = Math.floor(to / MINUTE) * MINUTE;
  const eventIntervals: Interval[] = [];
  if (rollupFits && a < b) {
    let q = store.db
      .selectFrom("rollup_minute")
      .where("project_id", "=", scope.projectId)
      .where("minute", ">=", a)
      .where("minute", "<", b)
      .select(["minute", sql<number>`sum(requests)`.as("requests"), sql<number>`sum(outage_errors)`.as("outage")])
      .groupBy("minute");
    if (scope.filters.provider !== undefined) q = q.where("provider", "=", scope.filters.provider);
    if (scope.filters.model !== undefined) q = q.where("model", "=", scope.filters.model);
    for (const r of await q.execute()) add(Number(r.minute), Number(r.requests), Number(r.outage));
    if (from < a) eventIntervals.push({ from, to: a });
    if (b < to) eventIntervals.push({ from: b, to });
  } else {
    eventIntervals.push({ from, to });
  }
  const outageTypes = [...OUTAGE_ERROR_TYPES];
  for (const interval of eventIntervals) {
    const rows = await store.db
      .selectFrom("events")
      .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
      .select((eb) => [
        sql<number>`events.ts / ${sql.lit(MINUTE)}`.as("m"),
        sql<number>`count(*)`.as("requests"),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb("events.status", "=", "error"), eb("events.error_type", "in", outageTypes)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as("outage"),
      ])
      .groupBy(sql`events.ts / ${sql.lit(MINUTE)}`)
      .execute();
    for (const r of rows) add(Number(r.m) * MINUTE, Number(r.requests), Number(r.outage));
  }
  return out;
}

/** SPEC kpi.reliability's definition over all providers combined: 1 − down minutes / minutes with traffic. */
async function availability(store: Store, scope: Scope): Promise<number | null> {
  let minutes = 0;
  let down = 0;
  for (const m of (await minuteCounts(store, scope)).values()) {
    if (m.requests === 0) continue;
    minutes += 1;
    if (2 * m.outage >= m.requests) down += 1;
  }
  return minutes === 0 ? null : 1 - down / minutes;
}

async function feedbackScore(store: Store, scope: Scope): Promise<number | null> {
  const row = await feedbackInScope(store, scope)
    .select([sql<number>`count(*)`.as("n"), sql<number | null>`avg(feedback.score)`.as("avg")])
    .executeTakeFirst();
  return Number(row?.n ?? 0) === 0 || row?.avg === null || row?.avg === undefined ? null : Number(row.avg);
}

function fromAgg(metric: GoalMetric, t: Agg, days: number): number | null {
  switch (metric) {
    case "latencyP50Ms":
      return histogramPercentile(t.latencyHist, 50);
    case "latencyP95Ms":
      return histogramPercentile(t.latencyHist, 95);
    case "ttftP95Ms":
      return histogramPercentile(t.ttftHist, 95);
    case "errorRate":
      return ratio(t.errors, t.requests);
    case "successRate":
      return ratio(t.requests - t.errors, t.requests);
    case "costPerDayUsd":
      // Spend of priced requests only: a window of unpriced requests has no known cost, not $0.
      return t.pricedRequests === 0 ? null : t.costUsd / days;
    case "costPerRequestUsd":
      return ratio(t.costUsd, t.pricedRequests);
    case "fallbackRate":
      return ratio(t.fallbacks, t.requests);
    case "rescueRate":
      return ratio(t.rescued, t.rescueAttempts);
    default:
      return null;
  }
}

/** Lazily computed figures of one (window, filters) pair, shared by the goals that ask for it. */
function windowFigures(store: Store, scope: Scope) {
  let agg: Promise<Agg> | undefined;
  let avail: Promise<number | null> | undefined;
  let score: Promise<number | null> | undefined;
  const days = (scope.interval.to - scope.interval.from) / DAY;
  return async (metric: GoalMetric): Promise<number | null> => {
    if (metric === "availability") {
      avail ??= availability(store, scope);
      return avail;
    }
    if (metric === "feedbackScore") {
      score ??= feedbackScore(store, scope);
      return score;
    }
    agg ??= aggregate(store, scope, { histograms: true }).then((r) => totalOf(r.rows));
    return fromAgg(metric, await agg, days);
  };
}

/** Scores every goal over its trailing window ending at `at`. */
export async function evaluateGoals(store: Store, projectId: string, at: number): Promise<GoalsEvaluateOutput> {
  const goals = await listGoals(store, projectId);
  const windows = new Map<string, ReturnType<typeof windowFigures>>();
  const rows = await Promise.all(
    goals.map(async (goal): Promise<GoalEvaluation> => {
      const key = JSON.stringify([goal.window, goal.filters ?? {}]);
      let figures = windows.get(key);
      if (!figures) {
        const scope: Scope = {
          projectId,
          interval: { from: at - lastRangeMs(goal.window), to: at },
          bucket: "hour",
          timezone: "UTC",
          filters: goal.filters ?? {},
        };
        figures = windowFigures(store, scope);
        windows.set(key, figures);
      }
      const actual = await figures(goal.metric);
      if (actual === null) return { goal, actual, met: false, margin: null };
      const margin = goal.op === "lte" ? goal.target - actual : actual - goal.target;
      return { goal, actual, met: margin >= 0, margin };
    }),
  );
  return { rows, at: new Date(at).toISOString() };
}
