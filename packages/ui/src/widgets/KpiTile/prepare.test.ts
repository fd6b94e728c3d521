import { describe, expect, it } from "vitest";
import { createFormatters } from "../../primitives/format.js";
import { formatterFor, isOverviewEmpty, metricFigure, type OverviewData, type OverviewPeriod } from "./prepare.js";

function period(overrides: Partial<OverviewPeriod> = {}): OverviewPeriod {
  return {
    requests: 200,
    successRate: 0.95,
    errorRate: 0.05,
    costUsd: 12.5,
    tokens: { input: 1000, output: 300, cacheRead: 100, cacheWrite: 0, reasoning: 50 },
    latency: { mean: 900, p50: 700, p95: 2100, p99: 4000 },
    uniqueUsers: 12,
    fallbackRate: 0.01,
    rescueRate: 0.5,
    feedback: { count: 4, avgScore: 0.75 },
    unpricedRequests: 0,
    ...overrides,
  };
}

function answer(current: OverviewPeriod, previous: OverviewPeriod | null): OverviewData {
  return { ...current, previous, percentiles: "histogram" };
}

describe("metricFigure", () => {
  it("reads the metric and its previous value", () => {
    const figure = metricFigure(answer(period(), period({ latency: { mean: 800, p50: 600, p95: 1800, p99: 3000 } })), "latencyP95");
    expect(figure).toMatchObject({ label: "p95 latency", value: 2100, previous: 1800, comparison: "ok", good: "down", format: "duration" });
  });

  it("adds input and output for total tokens (cache and reasoning are parts of them, not extra)", () => {
    expect(metricFigure(answer(period(), null), "tokens").value).toBe(1300);
  });

  it("says compare is off when there is no previous period", () => {
    const figure = metricFigure(answer(period(), null), "requests");
    expect(figure.comparison).toBe("off");
    expect(figure.previous).toBeUndefined();
  });

  it("does not compare with a previous period that had no traffic (its rates are unknown, not 0)", () => {
    const empty = period({ requests: 0, successRate: null, errorRate: null, costUsd: 0, uniqueUsers: 0 });
    expect(metricFigure(answer(period(), empty), "errorRate")).toMatchObject({ comparison: "no-data", previous: undefined });
    expect(metricFigure(answer(period(), empty), "requests")).toMatchObject({ comparison: "no-data", previous: undefined });
  });

  it("shows a spend with nothing priced as unknown, never $0, and counts the unpriced requests", () => {
    const unpriced = metricFigure(answer(period({ costUsd: 0, unpricedRequests: 200 }), null), "costUsd");
    expect(unpriced.value).toBeNull();
    expect(unpriced.unpricedRequests).toBe(200);
    const partly = metricFigure(answer(period({ unpricedRequests: 3 }), null), "costUsd");
    expect(partly).toMatchObject({ value: 12.5, unpricedRequests: 3 });
    expect(metricFigure(answer(period({ unpricedRequests: 3 }), null), "requests").unpricedRequests).toBe(0);
  });

  it("is empty without requests", () => {
    expect(isOverviewEmpty(answer(period({ requests: 0 }), null))).toBe(true);
    expect(isOverviewEmpty(answer(period(), null))).toBe(false);
  });
});

describe("formatterFor", () => {
  const f = createFormatters("en-US", "UTC");
  it("writes each format as a person would", () => {
    expect(formatterFor("count", f)(12345)).toBe("12,345");
    expect(formatterFor("compact", f)(1_250_000)).toBe("1.3M");
    expect(formatterFor("percent", f)(0.0235)).toBe("2.4%");
    expect(formatterFor("currency", f)(173.378)).toBe("$173.38");
    expect(formatterFor("duration", f)(2100)).toBe("2.1 sec");
    expect(formatterFor("score", f)(0.7166)).toBe("0.72");
    expect(formatterFor("score", f)(null)).toBe("—");
  });
});
