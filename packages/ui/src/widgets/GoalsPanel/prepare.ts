import type { GoalMetric } from "@promptmeter/schema";
import type { RouterInputs, RouterOutputs } from "@promptmeter/server";
import type { Formatters } from "../../primitives/format.js";

/** A stored goal (`goals.list`). */
export type Goal = RouterOutputs["goals"]["list"]["rows"][number];
/** What `goals.upsert` takes: a goal, its id absent for a new one. */
export type GoalDraft = RouterInputs["goals"]["upsert"];
type Evaluation = RouterOutputs["goals"]["evaluate"]["rows"][number];

/** How a metric's values read: a duration, a fraction shown as %, dollars, or a 0–1 feedback score. */
export type GoalUnit = "ms" | "rate" | "usd" | "score";

/** Every goal metric with its name, unit, and the direction a target usually takes. */
export const GOAL_METRIC_META: Record<GoalMetric, { label: string; unit: GoalUnit; op: "lte" | "gte" }> = {
  latencyP50Ms: { label: "p50 latency", unit: "ms", op: "lte" },
  latencyP95Ms: { label: "p95 latency", unit: "ms", op: "lte" },
  ttftP95Ms: { label: "p95 time to first token", unit: "ms", op: "lte" },
  errorRate: { label: "Error rate", unit: "rate", op: "lte" },
  successRate: { label: "Success rate", unit: "rate", op: "gte" },
  availability: { label: "Availability", unit: "rate", op: "gte" },
  costPerDayUsd: { label: "Cost per day", unit: "usd", op: "lte" },
  costPerRequestUsd: { label: "Cost per request", unit: "usd", op: "lte" },
  feedbackScore: { label: "Feedback score", unit: "score", op: "gte" },
  fallbackRate: { label: "Fallback rate", unit: "rate", op: "lte" },
  rescueRate: { label: "Rescue rate", unit: "rate", op: "gte" },
};

/** The metrics in the order the form offers them. */
export const GOAL_METRICS_ORDERED = Object.keys(GOAL_METRIC_META) as GoalMetric[];

/** The trailing windows a goal can be judged over, in words. */
export const GOAL_WINDOWS: ReadonlyArray<{ value: Goal["window"]; label: string }> = [
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
];

/** What the form's target field is in: milliseconds, percent, dollars, or a score. */
export const UNIT_INPUT_LABEL: Record<GoalUnit, string> = { ms: "ms", rate: "%", usd: "USD", score: "0–1" };

/** A metric value as people read it (1.2 sec, 2.5%, $0.004, 0.72). */
export function formatGoalValue(metric: GoalMetric, value: number | null, f: Formatters): string {
  switch (GOAL_METRIC_META[metric].unit) {
    case "ms":
      return f.duration(value);
    case "rate":
      return f.percent(value);
    case "usd":
      return f.currency(value);
    case "score":
      return f.number(value, 2);
  }
}

/** A margin as people read it: rates in percentage points, the rest in the metric's unit. */
export function formatMargin(metric: GoalMetric, margin: number, f: Formatters): string {
  const amount = Math.abs(margin);
  return GOAL_METRIC_META[metric].unit === "rate" ? `${f.number(amount * 100, 2)} pts` : formatGoalValue(metric, amount, f);
}

// Rounds away binary noise (0.07 × 100 = 7.000000000000001) without losing anything a person typed.
const clean = (value: number) => Math.round(value * 1e9) / 1e9;

/** The number the form shows for a stored target (rates as percent). */
export function targetToInput(metric: GoalMetric, target: number): number {
  return GOAL_METRIC_META[metric].unit === "rate" ? clean(target * 100) : target;
}

/** The stored target for what was typed, or an error in words when it is not a valid target for the metric. */
export function targetFromInput(metric: GoalMetric, text: string): { target: number } | { error: string } {
  const value = Number(text.trim().replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(value)) return { error: "Enter a number" };
  if (value < 0) return { error: "The target cannot be negative" };
  const unit = GOAL_METRIC_META[metric].unit;
  if (unit === "rate" && value > 100) return { error: "A rate is at most 100 %" };
  if (unit === "score" && value > 1) return { error: "A feedback score is between 0 and 1" };
  return { target: unit === "rate" ? clean(value / 100) : value };
}

/** One goal ready to render. */
export interface GoalViewRow {
  id: string;
  goal: Goal;
  /** "p95 latency ≤ 2 sec" */
  title: string;
  /** "over the last 7 days" */
  windowText: string;
  /** The goal's own filters in words ("model: gpt-4o"); empty when it covers all traffic. */
  filtersText: string;
  /** The actual value over the window, formatted ("—" without data or before evaluation). */
  actualText: string;
  /** met, missed, no data in the window, or not evaluated yet (just saved). */
  status: "met" | "missed" | "no-data" | "pending";
  /** "Met · 120 ms to spare", "Missed by 0.4 pts", "No data in the last 7 days", "Checking…" */
  verdict: string;
}

export interface GoalsViewData {
  rows: GoalViewRow[];
  /** Goals met, of those with data. */
  met: number;
  /** Goals judged (with data in their window). */
  judged: number;
}

/** Joins the goals with their evaluation and puts each verdict in words. */
export function prepareGoals(goals: readonly Goal[], evaluations: readonly Evaluation[], f: Formatters): GoalsViewData {
  const byId = new Map(evaluations.map((e) => [e.goal.id, e]));
  const rows = goals.map((goal): GoalViewRow => {
    const meta = GOAL_METRIC_META[goal.metric];
    const window = GOAL_WINDOWS.find((w) => w.value === goal.window)?.label ?? goal.window;
    const evaluation = byId.get(goal.id);
    // An evaluation of an older version of the goal (edited since) would judge the wrong target.
    const current =
      evaluation && evaluation.goal.target === goal.target && evaluation.goal.op === goal.op && evaluation.goal.window === goal.window;
    let status: GoalViewRow["status"] = "pending";
    let verdict = "Checking…";
    if (current && evaluation.actual === null) {
      status = "no-data";
      verdict = `No data in the last ${window}`;
    } else if (current) {
      status = evaluation.met ? "met" : "missed";
      const margin = evaluation.margin ?? 0;
      verdict = evaluation.met
        ? `Met · ${formatMargin(goal.metric, margin, f)} to spare`
        : `Missed by ${formatMargin(goal.metric, margin, f)}`;
    }
    return {
      id: goal.id,
      goal,
      title: `${meta.label} ${goal.op === "lte" ? "≤" : "≥"} ${formatGoalValue(goal.metric, goal.target, f)}`,
      windowText: `over the last ${window}`,
      filtersText: Object.entries(goal.filters ?? {})
        .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
        .join(" · "),
      actualText: current ? formatGoalValue(goal.metric, evaluation.actual, f) : "—",
      status,
      verdict,
    };
  });
  return {
    rows,
    met: rows.filter((r) => r.status === "met").length,
    judged: rows.filter((r) => r.status === "met" || r.status === "missed").length,
  };
}

/** Whether a write failed because this key may not change goals (then the panel turns read-only). */
export function isWriteDenied(error: unknown): boolean {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  return code === "FORBIDDEN" || code === "UNAUTHORIZED";
}
