import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, type OracleFeedback, START } from "./fixture.js";
import { div, relErr, select, selectFeedback } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;
type By = "requests" | "cost" | "tokens";

interface Totals {
  userId: string;
  requests: number;
  errors: number;
  costUsd: number;
  unpricedRequests: number;
  tokens: number;
  first: number;
  last: number;
}

function perUser(events: readonly OracleEvent[], from: number, to: number, f: Filters): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const e of select(events, from, to, f)) {
    if (e.userId === null) continue;
    let t = out.get(e.userId);
    if (!t) {
      t = { userId: e.userId, requests: 0, errors: 0, costUsd: 0, unpricedRequests: 0, tokens: 0, first: e.ts, last: e.ts };
      out.set(e.userId, t);
    }
    t.requests += 1;
    if (e.status === "error") t.errors += 1;
    if (e.costUsd === null) t.unpricedRequests += 1;
    else t.costUsd += e.costUsd;
    t.tokens += e.inputTokens + e.outputTokens;
    t.first = Math.min(t.first, e.ts);
    t.last = Math.max(t.last, e.ts);
  }
  return out;
}

/** Slow obvious kpi.topUsers: per-user sums over the events, ranked by `by` then user id. */
function expected(
  events: readonly OracleEvent[],
  feedback: readonly OracleFeedback[],
  from: number,
  to: number,
  f: Filters,
  by: By,
  limit: number,
) {
  const metric = (t: Totals) => (by === "requests" ? t.requests : by === "cost" ? t.costUsd : t.tokens);
  const ranked = [...perUser(events, from, to, f).values()].sort(
    (a, b) => metric(b) - metric(a) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
  const fb = selectFeedback(feedback, events, from, to, f);
  return ranked.slice(0, limit).map((t) => {
    const mine = fb.filter((x) => x.userId === t.userId);
    return {
      userId: t.userId,
      requests: t.requests,
      costUsd: t.costUsd,
      unpricedRequests: t.unpricedRequests,
      tokens: t.tokens,
      errorRate: div(t.errors, t.requests),
      feedbackCount: mine.length,
      avgScore: mine.length === 0 ? null : mine.reduce((s, x) => s + x.score, 0) / mine.length,
      firstSeen: new Date(t.first).toISOString(),
      lastSeen: new Date(t.last).toISOString(),
    };
  });
}

type Row = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["topUsers"]>>["rows"][number];

function expectRows(actual: Row[], exp: ReturnType<typeof expected>) {
  expect(actual.map((r) => r.userId)).toEqual(exp.map((r) => r.userId));
  for (const [i, e] of exp.entries()) {
    const a = actual[i]!;
    expect({ ...a, costUsd: 0, errorRate: 0, avgScore: 0, previous: null }).toEqual({
      ...e,
      costUsd: 0,
      errorRate: 0,
      avgScore: 0,
      previous: null,
    });
    expect(relErr(a.costUsd, e.costUsd)).toBeLessThan(1e-9);
    expect(relErr(a.errorRate, e.errorRate)).toBeLessThan(1e-12);
    expect(relErr(a.avgScore, e.avgScore)).toBeLessThan(1e-9);
  }
}

const RANGES = [
  { name: "whole 30 days (rollup days + edges)", from: START, to: END },
  { name: "3 days, unaligned edges", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000 },
  { name: "within one UTC day", from: END - 9 * H, to: END - 2 * H },
  { name: "exactly whole UTC days", from: Date.UTC(2026, 2, 20), to: Date.UTC(2026, 2, 27) },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.topUsers on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}, by requests, cost and tokens`, async () => {
          for (const by of ["requests", "cost", "tokens"] as const) {
            const actual = await fx.caller.kpi.topUsers({ range: { from: range.from, to: range.to }, filters, by });
            expectRows(actual.rows, expected(fx.events, fx.feedback, range.from, range.to, filters, by, 10));
          }
        });
      }
    }

    it("limit up to 100 returns every user when there are fewer, and more is rejected", async () => {
      const actual = await fx.caller.kpi.topUsers({ range: { from: START, to: END }, by: "tokens", limit: 100 });
      const exp = expected(fx.events, fx.feedback, START, END, {}, "tokens", 100);
      expect(exp.length).toBe(new Set(fx.events.filter((e) => e.userId !== null).map((e) => e.userId)).size);
      expect(exp.length).toBeGreaterThan(10);
      expectRows(actual.rows, exp);
      await expect(fx.caller.kpi.topUsers({ range: { from: START, to: END }, limit: 101 })).rejects.toThrow();
    });

    it("compare adds each user's figures over the previous period", async () => {
      const from = END - 7 * D - 30 * 60_000;
      const actual = await fx.caller.kpi.topUsers({ range: { from, to: END }, by: "cost", compare: true });
      const prev = perUser(fx.events, from - (END - from), from, {});
      expect(actual.rows.length).toBe(10);
      for (const r of actual.rows) {
        const p = prev.get(r.userId);
        expect(r.previous).not.toBeNull();
        expect(r.previous!.requests).toBe(p?.requests ?? 0);
        expect(r.previous!.tokens).toBe(p?.tokens ?? 0);
        expect(relErr(r.previous!.costUsd, p?.costUsd ?? 0)).toBeLessThan(1e-9);
      }
    });

    it("an empty range has no rows", async () => {
      const actual = await fx.caller.kpi.topUsers({ range: { from: START - 10 * H, to: START - 5 * H } });
      expect(actual.rows).toEqual([]);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.topUsers({ range: { from: START, to: END } });
      expectRows(actual.rows, expected(fx.singleEvents, [], START, END, {}, "requests", 10));
    });

    it("a project where every request failed: error rate 1, and its unpriced-or-free cost", async () => {
      const actual = await fx.callers.errorsOnly.kpi.topUsers({ range: { from: START, to: END }, by: "cost" });
      const exp = expected(fx.errorEvents, [], START, END, {}, "cost", 10);
      expect(exp.map((r) => r.userId).sort()).toEqual(["u0", "u1"]);
      expectRows(actual.rows, exp);
      expect(actual.rows.every((r) => r.errorRate === 1)).toBe(true);
    });

    it("a user's unpriced requests are counted apart, never as $0", async () => {
      const ft = fx.events.filter((e) => e.model === "ft:gpt-4o-mini:acme:support-v2" && e.userId !== null && e.costUsd === null);
      expect(ft.length).toBeGreaterThan(0);
      const user = ft[0]!.userId!;
      const actual = await fx.caller.kpi.topUsers({ range: { from: START, to: END }, filters: { userId: user } });
      expectRows(actual.rows, expected(fx.events, fx.feedback, START, END, { userId: user }, "requests", 10));
      expect(actual.rows[0]!.unpricedRequests).toBeGreaterThan(0);
    });
  });
}
