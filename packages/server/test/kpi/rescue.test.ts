import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { div, oracleSeries, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;
type Size = "minute" | "hour" | "day" | "week";

function figures(sel: OracleEvent[]) {
  const retried = sel.filter((e) => e.retries > 0).length;
  const fallbacks = sel.filter((e) => e.fallback).length;
  const attempts = sel.filter((e) => e.retries > 0 || e.fallback);
  const rescued = attempts.filter((e) => e.status === "success").length;
  return {
    requests: sel.length,
    retriedRequests: retried,
    fallbackRequests: fallbacks,
    retryRate: div(retried, sel.length),
    fallbackRate: div(fallbacks, sel.length),
    rescueAttempts: attempts.length,
    rescued,
    rescueRate: div(rescued, attempts.length),
  };
}

function expected(events: OracleEvent[], from: number, to: number, f: Filters, size: Size, tz: string) {
  const sel = select(events, from, to, f);
  const series = oracleSeries(sel, from, to, size, tz).map((b) => ({ t: new Date(b.start).toISOString(), ...figures(b.events) }));
  return { ...figures(sel), series };
}

const RATES = ["retryRate", "fallbackRate", "rescueRate"] as const;
type Figures = ReturnType<typeof figures>;

function expectFigures(actual: Figures, exp: Figures) {
  for (const k of ["requests", "retriedRequests", "fallbackRequests", "rescueAttempts", "rescued"] as const) expect(actual[k]).toBe(exp[k]);
  for (const k of RATES) {
    if (exp[k] === null) expect(actual[k]).toBeNull();
    else expect(actual[k]).toBeCloseTo(exp[k], 12);
  }
}

type Rescue = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["rescue"]>>;

function expectMatches(actual: Rescue, exp: ReturnType<typeof expected>) {
  expectFigures(actual, exp);
  expect(actual.series.map((p) => p.t)).toEqual(exp.series.map((p) => p.t));
  for (const [i, p] of actual.series.entries()) expectFigures(p, exp.series[i]!);
}

const RANGES: { name: string; from: number; to: number; bucket: Size }[] = [
  { name: "whole 30 days by day", from: START, to: END, bucket: "day" },
  { name: "3 days by hour, unaligned edges", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000, bucket: "hour" },
  { name: "90 minutes by minute", from: END - 26 * H, to: END - 24.5 * H, bucket: "minute" },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.rescue on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.rescue({ range: { from: range.from, to: range.to }, bucket: range.bucket, filters });
          expectMatches(actual, expected(fx.events, range.from, range.to, filters, range.bucket, "UTC"));
          expect(actual.previous).toBeNull();
        });
      }
    }

    for (const [timezone, from, to] of [
      ["America/New_York", Date.UTC(2026, 2, 6, 12), Date.UTC(2026, 2, 11, 3)],
      ["Europe/Paris", Date.UTC(2026, 2, 27, 7, 30), Date.UTC(2026, 3, 1, 0)],
    ] as const) {
      it(`day buckets in ${timezone} across its DST change (23-hour day)`, async () => {
        const actual = await fx.caller.kpi.rescue({ range: { from, to }, bucket: "day", timezone });
        expectMatches(actual, expected(fx.events, from, to, {}, "day", timezone));
        const lengths = actual.series.slice(1).map((p, i) => (Date.parse(p.t) - Date.parse(actual.series[i]!.t)) / H);
        expect(lengths).toContain(23);
      });
    }

    it("the OpenAI outage's retries and fallbacks rescue most of its requests", async () => {
      const actual = await fx.caller.kpi.rescue({ range: { from: START, to: END }, bucket: "day" });
      expect(actual.fallbackRequests).toBeGreaterThan(0);
      expect(actual.retriedRequests).toBeGreaterThan(actual.fallbackRequests);
      expect(actual.rescueRate).toBeGreaterThan(0.5);
    });

    it("compare returns the previous period's figures", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.rescue({ range: { from, to: END }, compare: true });
      expectFigures(actual.previous!, figures(select(fx.events, from - 7 * D, from, {})));
    });

    it("an empty range: zeros, null rates, every bucket present", async () => {
      const actual = await fx.caller.kpi.rescue({ range: { from: START - 10 * H, to: START - 5 * H }, bucket: "hour" });
      expectMatches(actual, expected(fx.events, START - 10 * H, START - 5 * H, {}, "hour", "UTC"));
      expect(actual.rescueRate).toBeNull();
      expect(actual.series).toHaveLength(6);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.rescue({ range: { from: START, to: END }, bucket: "day" });
      expectMatches(actual, expected(fx.singleEvents, START, END, {}, "day", "UTC"));
    });

    it("a project where every request failed: nothing rescued", async () => {
      const actual = await fx.callers.errorsOnly.kpi.rescue({ range: { from: START, to: END }, bucket: "day" });
      expectMatches(actual, expected(fx.errorEvents, START, END, {}, "day", "UTC"));
      expect(actual.rescued).toBe(0);
    });
  });
}
