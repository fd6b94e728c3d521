import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, type OracleFeedback, START } from "./fixture.js";
import { div, latencyEligible, nearestRank, relErr, select, selectFeedback } from "./oracle.js";

const H = 3_600_000;

function expected(events: OracleEvent[], feedback: OracleFeedback[], from: number, to: number, f: Filters) {
  const sel = select(events, from, to, f);
  const n = sel.length;
  const errors = sel.filter((e) => e.status === "error").length;
  const lat = latencyEligible(sel, f).map((e) => e.latencyMs);
  const attempts = sel.filter((e) => e.retries > 0 || e.fallback);
  const fb = selectFeedback(feedback, events, from, to, f);
  let cost = 0;
  for (const e of sel) if (e.costUsd !== null) cost += e.costUsd;
  return {
    requests: n,
    successRate: div(n - errors, n),
    errorRate: div(errors, n),
    costUsd: cost,
    unpricedRequests: sel.filter((e) => e.costUsd === null).length,
    tokens: {
      input: sel.reduce((s, e) => s + e.inputTokens, 0),
      output: sel.reduce((s, e) => s + e.outputTokens, 0),
      cacheRead: sel.reduce((s, e) => s + e.cacheReadTokens, 0),
      cacheWrite: sel.reduce((s, e) => s + e.cacheWriteTokens, 0),
      reasoning: sel.reduce((s, e) => s + e.reasoningTokens, 0),
    },
    latency: {
      mean: lat.length === 0 ? null : lat.reduce((s, v) => s + v, 0) / lat.length,
      p50: nearestRank(lat, 50),
      p95: nearestRank(lat, 95),
      p99: nearestRank(lat, 99),
    },
    uniqueUsers: new Set(sel.filter((e) => e.userId !== null).map((e) => e.userId)).size,
    fallbackRate: div(sel.filter((e) => e.fallback).length, n),
    rescueRate: div(attempts.filter((e) => e.status === "success").length, attempts.length),
    feedback: { count: fb.length, avgScore: fb.length === 0 ? null : fb.reduce((s, x) => s + x.score, 0) / fb.length },
  };
}

type Overview = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["overview"]>>;

function expectMatches(actual: Omit<Overview, "previous" | "percentiles">, exp: ReturnType<typeof expected>) {
  expect(actual.requests).toBe(exp.requests);
  expect(actual.unpricedRequests).toBe(exp.unpricedRequests);
  expect(actual.tokens).toEqual(exp.tokens);
  expect(actual.uniqueUsers).toBe(exp.uniqueUsers);
  expect(actual.feedback.count).toBe(exp.feedback.count);
  for (const k of ["successRate", "errorRate", "fallbackRate", "rescueRate"] as const) {
    if (exp[k] === null) expect(actual[k]).toBeNull();
    else expect(actual[k]).toBeCloseTo(exp[k], 12);
  }
  expect(relErr(actual.costUsd, exp.costUsd)).toBeLessThan(1e-9);
  expect(relErr(actual.feedback.avgScore, exp.feedback.avgScore)).toBeLessThan(1e-9);
  expect(relErr(actual.latency.mean, exp.latency.mean)).toBeLessThan(1e-9);
  for (const p of ["p50", "p95", "p99"] as const) expect(relErr(actual.latency[p], exp.latency[p])).toBeLessThanOrEqual(0.02);
}

const RANGES = [
  { name: "whole 30 days", from: START, to: END },
  { name: "3 days, unaligned edges", from: END - 3 * 86_400_000 - 17 * 60_000, to: END - 5 * H + 41 * 60_000 },
  { name: "90 minutes", from: END - 26 * H, to: END - 24.5 * H },
  { name: "across US DST change", from: Date.UTC(2026, 2, 7, 5), to: Date.UTC(2026, 2, 10, 4) },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.overview on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.overview({ range: { from: range.from, to: range.to }, filters });
          expectMatches(actual, expected(fx.events, fx.feedback, range.from, range.to, filters));
          expect(actual.previous).toBeNull();
        });
      }
    }

    it("compare returns the previous period of equal length", async () => {
      const from = END - 7 * 86_400_000;
      const actual = await fx.caller.kpi.overview({ range: { from, to: END }, compare: true });
      expect(actual.previous).not.toBeNull();
      expectMatches(actual.previous!, expected(fx.events, fx.feedback, from - 7 * 86_400_000, from, {}));
    });

    it("an empty range has zero requests and null rates, not zeros", async () => {
      const actual = await fx.caller.kpi.overview({ range: { from: START - 10 * H, to: START - 5 * H } });
      expect(actual.requests).toBe(0);
      expect(actual.errorRate).toBeNull();
      expect(actual.latency).toEqual({ mean: null, p50: null, p95: null, p99: null });
      expect(actual.costUsd).toBe(0);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.overview({ range: { from: START, to: END } });
      const exp = expected(fx.singleEvents, [], START, END, {});
      expect(exp.requests).toBe(1);
      expectMatches(actual, exp);
    });

    it("a project where every request failed", async () => {
      const actual = await fx.callers.errorsOnly.kpi.overview({ range: { from: START, to: END } });
      expect(actual.errorRate).toBe(1);
      expect(actual.successRate).toBe(0);
      expect(actual.latency.mean).toBeNull();
      const asErrors = await fx.callers.errorsOnly.kpi.overview({ range: { from: START, to: END }, filters: { status: "error" } });
      // Latency over the failed requests when the status filter says so: 1, 2, 3, 4, 5 s.
      expect(asErrors.latency.mean).toBe(3000);
      expect(relErr(asErrors.latency.p50, 3000)).toBeLessThanOrEqual(0.02);
    });

    it("the unknown fine-tuned model is unpriced, never $0", async () => {
      const actual = await fx.caller.kpi.overview({
        range: { from: START, to: END },
        filters: { model: "ft:gpt-4o-mini:acme:support-v2" },
      });
      const ft = fx.events.filter((e) => e.model === "ft:gpt-4o-mini:acme:support-v2");
      // Only a reported cost or an app-side cache hit gives it a cost; every other request is unpriced.
      const unpriced = ft.filter((e) => e.reportedCostUsd === null && !e.cacheHit);
      const costed = ft.filter((e) => e.reportedCostUsd !== null);
      expect(unpriced.length).toBeGreaterThan(50);
      expect(actual.requests).toBe(ft.length);
      expect(actual.unpricedRequests).toBe(unpriced.length);
      expect(actual.costUsd).toBeCloseTo(
        costed.reduce((s, e) => s + e.reportedCostUsd!, 0),
        12,
      );
    });

    it("another project's read scope sees none of this project's events", async () => {
      const actual = await fx.callers.empty.kpi.overview({ range: { from: START, to: END } });
      expect(actual.requests).toBe(0);
    });
  });
}
