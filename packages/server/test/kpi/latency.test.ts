import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { latencyEligible, nearestRank, oracleSeries, relErr, select } from "./oracle.js";

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
  { name: "Kolkata hours (a :30 zone, events path)", from: END - 2 * D, to: END, bucket: "hour", timezone: "Asia/Kolkata" },
];

/** Worst relative error of any histogram percentile against the exact nearest rank, over this file. */
let worstPercentileError = 0;
let percentilesCompared = 0;

function expectPercentile(actual: number | null, exact: number | null) {
  const err = relErr(actual, exact);
  percentilesCompared += 1;
  worstPercentileError = Math.max(worstPercentileError, err);
  expect(err).toBeLessThanOrEqual(0.02);
}

function expectSummary(actual: { mean: number | null; p50: number | null; p95: number | null; p99: number | null }, values: number[]) {
  if (values.length === 0) expect(actual.mean).toBeNull();
  else expect(relErr(actual.mean, values.reduce((s, v) => s + v, 0) / values.length)).toBeLessThan(1e-9);
  for (const p of [50, 95, 99] as const) expectPercentile(actual[`p${p}`], nearestRank(values, p));
}

type Latency = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["latency"]>>;

function expectFigures(actual: Omit<Latency, "series" | "histogram" | "previous" | "percentiles">, eligible: readonly OracleEvent[]) {
  expect(actual.count).toBe(eligible.length);
  expectSummary(
    actual,
    eligible.map((e) => e.latencyMs),
  );
  const ttft = eligible.filter((e) => e.ttftMs !== null).map((e) => e.ttftMs!);
  expect(actual.ttft.count).toBe(ttft.length);
  expectSummary(actual.ttft, ttft);
}

/** The bins are contiguous and round, hold every eligible request, and each value sits in its bin or, within 1.5 % of an edge, the next. */
function expectHistogram(bins: Latency["histogram"], values: number[]) {
  expect(bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
  if (values.length === 0) return expect(bins).toEqual([]);
  expect(bins.length).toBeLessThanOrEqual(31);
  for (let i = 1; i < bins.length; i++) expect(bins[i]!.fromMs).toBe(bins[i - 1]!.toMs);
  for (const b of bins) {
    expect(b.toMs).toBeGreaterThan(b.fromMs);
    // Readable edges: at most three significant digits.
    for (const edge of [b.fromMs, b.toMs]) expect(Number(edge.toPrecision(3))).toBe(edge);
    const m = 1.0149;
    const surely = values.filter((v) => v >= b.fromMs * m && v < b.toMs / m).length;
    const maybe = values.filter((v) => v >= b.fromMs / m && v < b.toMs * m).length;
    expect(b.count).toBeGreaterThanOrEqual(surely);
    expect(b.count).toBeLessThanOrEqual(maybe);
  }
  expect(bins[0]!.fromMs).toBeLessThanOrEqual(Math.min(...values) * 1.0149);
  expect(bins[bins.length - 1]!.toMs).toBeGreaterThan(Math.max(...values) / 1.0149);
}

function eligibleIn(events: readonly OracleEvent[], from: number, to: number, f: Filters) {
  return latencyEligible(select(events, from, to, f), f);
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.latency on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      worstPercentileError = 0;
      percentilesCompared = 0;
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => {
      console.info(
        `[kpi.latency ${dialect}] worst percentile relative error vs exact: ${(worstPercentileError * 100).toFixed(3)} % over ${percentilesCompared} percentiles`,
      );
      await fx?.cleanup();
    });

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const { from, to, bucket, timezone } = range;
          const actual = await fx.caller.kpi.latency({ range: { from, to }, bucket, timezone, filters });
          expect(actual.percentiles).toBe("histogram");
          expect(actual.previous).toBeNull();
          const eligible = eligibleIn(fx.events, from, to, filters);
          expectFigures(actual, eligible);
          expectHistogram(
            actual.histogram,
            eligible.map((e) => e.latencyMs),
          );

          const series = oracleSeries(eligible, from, to, bucket, timezone);
          expect(actual.series.map((p) => p.t)).toEqual(series.map((b) => new Date(b.start).toISOString()));
          series.forEach((b, i) => {
            const point = actual.series[i]!;
            expect(point.count).toBe(b.events.length);
            expectSummary(
              point,
              b.events.map((e) => e.latencyMs),
            );
          });
        });
      }
    }

    it("a typical spread gets 20–30 bins", async () => {
      const actual = await fx.caller.kpi.latency({ range: { from: START, to: END } });
      expect(actual.histogram.length).toBeGreaterThanOrEqual(20);
      expect(actual.histogram.length).toBeLessThanOrEqual(30);
    });

    it("compare returns the previous period's latency", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.latency({ range: { from, to: END }, compare: true });
      expectFigures(actual.previous!, eligibleIn(fx.events, from - 7 * D, from, {}));
    });

    it("an empty range has null figures and no bins", async () => {
      const actual = await fx.caller.kpi.latency({ range: { from: START - 10 * H, to: START - 5 * H }, bucket: "hour" });
      expect(actual).toMatchObject({ count: 0, mean: null, p50: null, p95: null, p99: null, histogram: [] });
      expect(actual.ttft).toEqual({ count: 0, mean: null, p50: null, p95: null, p99: null });
      expect(actual.series).toHaveLength(6);
      expect(actual.series.every((p) => p.count === 0 && p.p95 === null)).toBe(true);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.latency({ range: { from: START, to: END } });
      const eligible = eligibleIn(fx.singleEvents, START, END, {});
      expectFigures(actual, eligible);
      expectHistogram(
        actual.histogram,
        eligible.map((e) => e.latencyMs),
      );
    });

    it("a project where every request failed: nothing by default, the failures with status error", async () => {
      const actual = await fx.callers.errorsOnly.kpi.latency({ range: { from: START, to: END } });
      expect(actual.count).toBe(0);
      expect(actual.p95).toBeNull();
      const asErrors = await fx.callers.errorsOnly.kpi.latency({ range: { from: START, to: END }, filters: { status: "error" } });
      expectFigures(asErrors, fx.errorEvents);
      expectHistogram(
        asErrors.histogram,
        fx.errorEvents.map((e) => e.latencyMs),
      );
    });
  });
}
