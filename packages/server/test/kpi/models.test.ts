import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { div, latencyEligible, nearestRank, oracleSeries, relErr, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;
type Size = "minute" | "hour" | "day" | "week";

const RANGES: { name: string; from: number; to: number; bucket: Size; timezone: string }[] = [
  { name: "30 days by day", from: START, to: END, bucket: "day", timezone: "UTC" },
  { name: "3 unaligned days by hour", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000, bucket: "hour", timezone: "UTC" },
  { name: "90 minutes by minute", from: END - 26 * H + 25_000, to: END - 24.5 * H, bucket: "minute", timezone: "UTC" },
  {
    name: "New York days across 2026-03-08",
    from: Date.UTC(2026, 2, 6, 5),
    to: Date.UTC(2026, 2, 11, 4),
    bucket: "day",
    timezone: "America/New_York",
  },
  {
    name: "Paris days across 2026-03-29",
    from: Date.UTC(2026, 2, 27, 23),
    to: Date.UTC(2026, 2, 31, 22),
    bucket: "day",
    timezone: "Europe/Paris",
  },
];

let worstPercentileError = 0;
let percentilesCompared = 0;

const id = (e: { provider: string; model: string }) => `${e.provider}\u0000${e.model}`;
const codePoint = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

function expectedRows(sel: readonly OracleEvent[], f: Filters) {
  const groups = new Map<string, OracleEvent[]>();
  for (const e of sel) groups.set(id(e), [...(groups.get(id(e)) ?? []), e]);
  return [...groups.values()]
    .map((events) => {
      let costUsd = 0;
      for (const e of events) if (e.costUsd !== null) costUsd += e.costUsd;
      return {
        provider: events[0]!.provider,
        model: events[0]!.model,
        requests: events.length,
        share: div(events.length, sel.length),
        costUsd,
        unpricedRequests: events.filter((e) => e.costUsd === null).length,
        tokens: {
          input: events.reduce((s, e) => s + e.inputTokens, 0),
          output: events.reduce((s, e) => s + e.outputTokens, 0),
          cacheRead: events.reduce((s, e) => s + e.cacheReadTokens, 0),
          cacheWrite: events.reduce((s, e) => s + e.cacheWriteTokens, 0),
          reasoning: events.reduce((s, e) => s + e.reasoningTokens, 0),
        },
        errorRate: div(events.filter((e) => e.status === "error").length, events.length),
        p95: nearestRank(
          latencyEligible(events, f).map((e) => e.latencyMs),
          95,
        ),
      };
    })
    .sort((a, b) => b.requests - a.requests || codePoint(a.provider, b.provider) || codePoint(a.model, b.model));
}

type Models = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["models"]>>;

function expectRows(actual: Models["rows"], exp: ReturnType<typeof expectedRows>) {
  expect(actual.map((r) => id(r))).toEqual(exp.map((r) => id(r)));
  exp.forEach((e, i) => {
    const a = actual[i]!;
    expect(a).toMatchObject({ requests: e.requests, unpricedRequests: e.unpricedRequests, tokens: e.tokens });
    expect(relErr(a.share, e.share)).toBeLessThan(1e-12);
    expect(relErr(a.errorRate, e.errorRate)).toBeLessThan(1e-12);
    expect(relErr(a.costUsd, e.costUsd)).toBeLessThan(1e-9);
    const err = relErr(a.p95, e.p95);
    worstPercentileError = Math.max(worstPercentileError, err);
    percentilesCompared += 1;
    expect(err).toBeLessThanOrEqual(0.02);
  });
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.models on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      worstPercentileError = 0;
      percentilesCompared = 0;
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => {
      console.info(
        `[kpi.models ${dialect}] worst p95 relative error vs exact: ${(worstPercentileError * 100).toFixed(3)} % over ${percentilesCompared} percentiles`,
      );
      await fx?.cleanup();
    });

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const { from, to, bucket, timezone } = range;
          const actual = await fx.caller.kpi.models({ range: { from, to }, bucket, timezone, filters });
          const sel = select(fx.events, from, to, filters);
          const exp = expectedRows(sel, filters);
          expect(actual.requests).toBe(sel.length);
          expect(actual.models).toBe(exp.length);
          expect(actual.percentiles).toBe("histogram");
          expect(actual.previous).toBeNull();
          expectRows(actual.rows, exp);

          const top = exp.slice(0, 5).map((r) => ({ provider: r.provider, model: r.model }));
          expect(actual.topModels).toEqual(top);
          const series = oracleSeries(sel, from, to, bucket, timezone);
          expect(actual.series).toEqual(
            series.map((b) => ({
              t: new Date(b.start).toISOString(),
              top: top.map((m) => b.events.filter((e) => id(e) === id(m)).length),
              other: b.events.filter((e) => !top.some((m) => id(m) === id(e))).length,
            })),
          );
        });
      }
    }

    it("the same model name served by two providers is two rows", async () => {
      const actual = await fx.caller.kpi.models({ range: { from: START, to: END }, filters: { model: "gpt-4o" } });
      expect(actual.rows.map((r) => r.provider).sort()).toEqual(["azure", "openai"]);
    });

    it("compare returns the previous period's requests and model count", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.models({ range: { from, to: END }, compare: true });
      const prev = select(fx.events, from - 7 * D, from, {});
      expect(actual.previous).toEqual({ requests: prev.length, models: new Set(prev.map(id)).size });
    });

    it("an empty range has no rows and zero-filled buckets", async () => {
      const actual = await fx.caller.kpi.models({ range: { from: START - 10 * H, to: START - 5 * H }, bucket: "hour" });
      expect(actual).toMatchObject({ requests: 0, models: 0, rows: [], topModels: [] });
      expect(actual.series).toEqual(expect.arrayContaining([expect.objectContaining({ top: [], other: 0 })]));
      expect(actual.series).toHaveLength(6);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.models({ range: { from: START, to: END } });
      expectRows(actual.rows, expectedRows(fx.singleEvents, {}));
      expect(actual.rows[0]!.share).toBe(1);
    });

    it("a project where every request failed: error rate 1, no latency", async () => {
      const actual = await fx.callers.errorsOnly.kpi.models({ range: { from: START, to: END } });
      expectRows(actual.rows, expectedRows(fx.errorEvents, {}));
      expect(actual.rows[0]).toMatchObject({ errorRate: 1, p95: null });
    });
  });
}
