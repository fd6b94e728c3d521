import { describe, expect, it } from "vitest";
import { GOAL_METRICS, Goal, GoalInput } from "./goals.js";

const p95Goal = { id: "goal_1", metric: "latencyP95Ms", op: "lte", target: 2000, window: "7d" } as const;

function rejectionPaths(schema: typeof Goal | typeof GoalInput, input: unknown): PropertyKey[][] {
  const result = schema.safeParse(input);
  expect(result.success, "expected the input to be rejected").toBe(false);
  return result.error!.issues.map((issue) => issue.path);
}

describe("Goal", () => {
  it("accepts a goal and returns it unchanged", () => {
    expect(Goal.parse(p95Goal)).toEqual(p95Goal);
  });

  it("accepts narrowing filters", () => {
    const goal = { ...p95Goal, filters: { model: "gpt-4o", status: "success" } };
    expect(Goal.parse(goal)).toEqual(goal);
  });

  it("offers exactly the SPEC's eleven metrics", () => {
    expect([...GOAL_METRICS].sort()).toEqual(
      [
        "latencyP50Ms",
        "latencyP95Ms",
        "ttftP95Ms",
        "errorRate",
        "successRate",
        "availability",
        "costPerDayUsd",
        "costPerRequestUsd",
        "feedbackScore",
        "fallbackRate",
        "rescueRate",
      ].sort(),
    );
  });

  it.each(["latencyP50Ms", "errorRate", "availability", "costPerDayUsd", "rescueRate"])("accepts metric %s", (metric) => {
    expect(Goal.parse({ ...p95Goal, metric }).metric).toBe(metric);
  });

  it.each(["id", "metric", "op", "target", "window"] as const)("rejects a goal without %s", (field) => {
    const { [field]: _omitted, ...rest } = p95Goal;
    expect(rejectionPaths(Goal, rest)).toEqual([[field]]);
  });

  it.each([
    ["metric", "latencyP90Ms"],
    ["op", "lt"],
    ["op", "eq"],
    ["window", "1h"],
    ["window", "90d"],
    ["target", Number.NaN],
    ["target", Number.POSITIVE_INFINITY],
    ["target", "2000"],
    ["target", null],
    ["id", ""],
    ["id", "g".repeat(129)],
    ["filters", null],
  ])("rejects %s = %j", (field, value) => {
    expect(rejectionPaths(Goal, { ...p95Goal, [field]: value })).toEqual([[field]]);
  });

  it("accepts an id of 128 characters and targets of any sign", () => {
    expect(Goal.parse({ ...p95Goal, id: "g".repeat(128) }).id).toHaveLength(128);
    expect(Goal.parse({ ...p95Goal, target: 0 }).target).toBe(0);
    expect(Goal.parse({ ...p95Goal, metric: "feedbackScore", op: "gte", target: 0.8, window: "30d" }).target).toBe(0.8);
  });

  it.each(["24h", "7d", "30d"])("accepts window %s", (window) => {
    expect(Goal.parse({ ...p95Goal, window }).window).toBe(window);
  });

  it("validates the filters it carries", () => {
    expect(rejectionPaths(Goal, { ...p95Goal, filters: { status: "ok" } })).toEqual([["filters", "status"]]);
    expect(rejectionPaths(Goal, { ...p95Goal, filters: { model: "" } })).toEqual([["filters", "model"]]);
  });
});

describe("GoalInput", () => {
  it("accepts a goal without id (the server assigns one)", () => {
    const { id: _id, ...withoutId } = p95Goal;
    expect(GoalInput.parse(withoutId)).toEqual(withoutId);
  });

  it("keeps a given id under the same rules as Goal", () => {
    expect(GoalInput.parse(p95Goal).id).toBe("goal_1");
    expect(rejectionPaths(GoalInput, { ...p95Goal, id: "" })).toEqual([["id"]]);
    expect(rejectionPaths(GoalInput, { ...p95Goal, id: "g".repeat(129) })).toEqual([["id"]]);
    expect(rejectionPaths(GoalInput, { ...p95Goal, id: null })).toEqual([["id"]]);
  });

  it("still requires every other field", () => {
    expect(rejectionPaths(GoalInput, { metric: "errorRate" })).toEqual([["op"], ["target"], ["window"]]);
  });
});
