import { GOAL_METRICS } from "@promptmeter/schema";
import { describe, expect, it } from "vitest";
import { createFormatters } from "../../primitives/format.js";
import { GOAL_METRIC_META, type Goal, isWriteDenied, prepareGoals, targetFromInput, targetToInput } from "./prepare.js";

const f = createFormatters("en-US", "UTC");
const p95: Goal = { id: "g1", metric: "latencyP95Ms", op: "lte", target: 2000, window: "7d" };
const errors: Goal = { id: "g2", metric: "errorRate", op: "lte", target: 0.02, window: "24h", filters: { model: "gpt-4o" } };
const score: Goal = { id: "g3", metric: "feedbackScore", op: "gte", target: 0.8, window: "30d" };
const fresh: Goal = { id: "g4", metric: "costPerDayUsd", op: "lte", target: 50, window: "7d" };

describe("GOAL_METRIC_META", () => {
  it("covers every goal metric of the schema", () => {
    expect(Object.keys(GOAL_METRIC_META).sort()).toEqual([...GOAL_METRICS].sort());
  });
});

describe("prepareGoals", () => {
  const evaluations = [
    // 2000 − 1800 = 200 ms inside the target
    { goal: p95, actual: 1800, met: true, margin: 200 },
    // 0.02 − 0.025 = −0.005: missed by half a percentage point
    { goal: errors, actual: 0.025, met: false, margin: -0.005 },
    { goal: score, actual: null, met: false, margin: null },
  ];

  it("puts each verdict in words with the margin in the metric's unit", () => {
    const view = prepareGoals([p95, errors, score, fresh], evaluations, f);
    expect(view.rows.map((r) => [r.title, r.windowText, r.actualText, r.status, r.verdict])).toEqual([
      ["p95 latency ≤ 2 sec", "over the last 7 days", "1.8 sec", "met", "Met · 200 ms to spare"],
      ["Error rate ≤ 2%", "over the last 24 hours", "2.5%", "missed", "Missed by 0.5 pts"],
      ["Feedback score ≥ 0.8", "over the last 30 days", "—", "no-data", "No data in the last 30 days"],
      ["Cost per day ≤ $50.00", "over the last 7 days", "—", "pending", "Checking…"],
    ]);
    expect(view.rows[1]?.filtersText).toBe("model: gpt-4o");
    expect([view.met, view.judged]).toEqual([1, 2]);
  });

  it("does not judge an edited goal by its old evaluation", () => {
    const edited = { ...p95, target: 1500 };
    expect(prepareGoals([edited], evaluations, f).rows[0]?.status).toBe("pending");
  });
});

describe("targets in the form", () => {
  it("shows rates as percent and stores them as fractions, without float noise", () => {
    expect(targetToInput("errorRate", 0.07)).toBe(7);
    expect(targetFromInput("errorRate", "7")).toEqual({ target: 0.07 });
    expect(targetFromInput("availability", "99,9")).toEqual({ target: 0.999 });
    expect(targetToInput("latencyP95Ms", 2000)).toBe(2000);
    expect(targetFromInput("costPerRequestUsd", "0.004")).toEqual({ target: 0.004 });
  });

  it("refuses what cannot be a target", () => {
    expect(targetFromInput("errorRate", "")).toEqual({ error: "Enter a number" });
    expect(targetFromInput("errorRate", "abc")).toEqual({ error: "Enter a number" });
    expect(targetFromInput("latencyP50Ms", "-5")).toEqual({ error: "The target cannot be negative" });
    expect(targetFromInput("successRate", "120")).toEqual({ error: "A rate is at most 100 %" });
    expect(targetFromInput("feedbackScore", "4")).toEqual({ error: "A feedback score is between 0 and 1" });
  });
});

describe("isWriteDenied", () => {
  it("is true for FORBIDDEN and UNAUTHORIZED tRPC errors only", () => {
    expect(isWriteDenied({ data: { code: "FORBIDDEN" } })).toBe(true);
    expect(isWriteDenied({ data: { code: "UNAUTHORIZED" } })).toBe(true);
    expect(isWriteDenied({ data: { code: "BAD_REQUEST" } })).toBe(false);
    expect(isWriteDenied(new Error("network"))).toBe(false);
  });
});
