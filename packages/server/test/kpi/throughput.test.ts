import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { oracleSeries, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;
type Size = "minute" | "hour" | "day" | "week";

const RANGES: { name: string; from: number; to: number; bucket: Size; timezone: string }[] = [
  { name: "30 days by day", from: START, to: END, bucket: "day", timezone: "UTC" },
  {
    name: "3 unaligned days by hour",
    from: END - 3 * D - 17 * 60_000 - 20_500,
    to: END - 5 * H + 41 * 60_000 + 9_000,
    bucket: "hour",
    timezone: "UTC",
  },
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
  { name: "30 days by New York week", from: START, to: END, bucket: "week", timezone: "America/New_York" },
];

function figures(sel: readonly OracleEvent[], from: number, to: number) {
  const perMinute = new Map<number, number>();
  for (const e of sel) {
    const minute = e.ts - (e.ts % 60_000);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  let peak = 0;
  let peakMinute: number | null = null;
  for (const [minute, n] of perMinute) {
    if (n > peak || (n === peak && peakMinute !== null && minute < peakMinute)) {
      peak = n;
      peakMinute = minute;
    }
  }
  const errors = sel.filter((e) => e.status === "error").length;
  return {
    requests: sel.length,
    success: sel.length - errors,
    error: errors,
    meanPerMinute: sel.length / ((to - from) / 60_000),
    peakPerMinute: peak,
    peakMinute: peakMinute === null ? null : new Date(peakMinute).toISOString(),
  };
}

type Throughput = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["throughput"]>>;

function expectFigures(actual: Omit<Throughput, "series" | "previous">, exp: ReturnType<typeof figures>) {
  const { meanPerMinute, ...rest } = exp;
  expect(actual).toMatchObject(rest);
  expect(actual.meanPerMinute).toBeCloseTo(meanPerMinute, 12);
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.throughput on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const { from, to, bucket, timezone } = range;
          const actual = await fx.caller.kpi.throughput({ range: { from, to }, bucket, timezone, filters });
          const sel = select(fx.events, from, to, filters);
          expectFigures(actual, figures(sel, from, to));
          expect(actual.previous).toBeNull();
          const series = oracleSeries(sel, from, to, bucket, timezone);
          expect(actual.series).toEqual(
            series.map((b) => {
              const error = b.events.filter((e) => e.status === "error").length;
              return { t: new Date(b.start).toISOString(), requests: b.events.length, success: b.events.length - error, error };
            }),
          );
        });
      }
    }

    it("the peak minute is found inside a partial minute at the range's edge too", async () => {
      // Start a range in the middle of the busiest minute of the dataset: only its tail counts.
      const busiest = figures(fx.events, START, END);
      const minute = Date.parse(busiest.peakMinute!);
      const inMinute = fx.events.filter((e) => e.ts >= minute && e.ts < minute + 60_000).map((e) => e.ts);
      const cut = inMinute[Math.floor(inMinute.length / 2)]!;
      for (const [from, to] of [
        [cut, cut + 3 * H],
        [cut - 3 * H, cut + 1],
      ] as const) {
        const actual = await fx.caller.kpi.throughput({ range: { from, to }, bucket: "hour" });
        expectFigures(actual, figures(select(fx.events, from, to, {}), from, to));
      }
    });

    it("compare returns the previous period's volume and peak", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.throughput({ range: { from, to: END }, compare: true, filters: { status: "success" } });
      expectFigures(actual.previous!, figures(select(fx.events, from - 7 * D, from, { status: "success" }), from - 7 * D, from));
    });

    it("an empty range has no peak and zero-filled buckets", async () => {
      const actual = await fx.caller.kpi.throughput({ range: { from: START - 10 * H, to: START - 5 * H }, bucket: "hour" });
      expect(actual).toMatchObject({ requests: 0, meanPerMinute: 0, peakPerMinute: 0, peakMinute: null });
      expect(actual.series).toHaveLength(6);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.throughput({ range: { from: START, to: END } });
      expectFigures(actual, figures(fx.singleEvents, START, END));
      expect(actual.peakPerMinute).toBe(1);
    });

    it("a project where every request failed", async () => {
      const actual = await fx.callers.errorsOnly.kpi.throughput({ range: { from: START, to: END } });
      expectFigures(actual, figures(fx.errorEvents, START, END));
      expect(actual.success).toBe(0);
      const ok = await fx.callers.errorsOnly.kpi.throughput({ range: { from: START, to: END }, filters: { status: "success" } });
      expect(ok.peakPerMinute).toBe(0);
    });
  });
}
