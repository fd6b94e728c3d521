import { describe, expect, it } from "vitest";
import type { OverviewData, OverviewPeriod } from "../KpiTile/prepare.js";
import { DEFAULT_STRIP_METRICS, prepareOverviewStrip } from "./prepare.js";

const period: OverviewPeriod = {
  requests: 10,
  successRate: 0.9,
  errorRate: 0.1,
  costUsd: 1.5,
  tokens: { input: 100, output: 20, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
  latency: { mean: 500, p50: 400, p95: 1200, p99: 1500 },
  uniqueUsers: 3,
  fallbackRate: 0,
  rescueRate: null,
  feedback: { count: 0, avgScore: null },
  unpricedRequests: 0,
};
const empty: OverviewPeriod = { ...period, requests: 0, successRate: null, errorRate: null, costUsd: 0, uniqueUsers: 0 };

const answer = (previous: OverviewPeriod | null): OverviewData => ({ ...period, previous, percentiles: "exact" });

describe("prepareOverviewStrip", () => {
  it("shows the default six figures in order", () => {
    const data = prepareOverviewStrip(answer(null));
    expect(data.figures.map((f) => f.metric)).toEqual([...DEFAULT_STRIP_METRICS]);
    expect(data.figures.map((f) => f.value)).toEqual([10, 0.1, 1.5, 1200, 3, null]);
    expect(data.comparison).toBe("off");
  });

  it("keeps the order asked and drops repeats", () => {
    const data = prepareOverviewStrip(answer({ ...period, requests: 8 }), ["costUsd", "requests", "costUsd"]);
    expect(data.figures.map((f) => [f.metric, f.value, f.previous])).toEqual([
      ["costUsd", 1.5, 1.5],
      ["requests", 10, 8],
    ]);
    expect(data.comparison).toBe("ok");
  });

  it("says once that the previous period was empty", () => {
    expect(prepareOverviewStrip(answer(empty)).comparison).toBe("no-data");
  });
});
