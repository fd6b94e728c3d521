import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { div, localLabel, oracleBucketStart, oracleSeries, relErr, select } from "./oracle.js";

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

function costOf(events: readonly OracleEvent[]): number {
  let s = 0;
  for (const e of events) if (e.costUsd !== null) s += e.costUsd;
  return s;
}

function figures(sel: readonly OracleEvent[]) {
  const priced = sel.filter((e) => e.costUsd !== null).length;
  return { total: costOf(sel), pricedRequests: priced, unpricedRequests: sel.length - priced, perRequest: div(costOf(sel), priced) };
}

/** Walks the wall clock in quarter hours: the first instant at or after `t` whose local label differs in its first `n` characters. */
function nextLabelChange(t: number, tz: string, n: number): number {
  const label = localLabel(t, tz).slice(0, n);
  let x = t - (t % (15 * 60_000)) + 15 * 60_000;
  while (localLabel(x, tz).slice(0, n) === label) x += 15 * 60_000;
  return x;
}

function expectedForecast(events: readonly OracleEvent[], asOf: number, tz: string, f: Filters, budget: number | null) {
  const last = asOf - 1;
  const month = localLabel(last, tz).slice(0, 7);
  let monthStart = oracleBucketStart(last, "day", tz);
  while (localLabel(monthStart - 1, tz).slice(0, 7) === month) monthStart = oracleBucketStart(monthStart - 1, "day", tz);
  const monthEnd = nextLabelChange(last, tz, 7);
  const dayStart = oracleBucketStart(last, "day", tz);
  const dayEnd = nextLabelChange(last, tz, 10);
  const laterDays = new Set<string>();
  for (let t = dayEnd; t < monthEnd; t += H) laterDays.add(localLabel(t, tz).slice(0, 10));
  const daysLeft = (dayEnd - asOf) / (dayEnd - dayStart) + laterDays.size;
  const mtd = select(events, monthStart, asOf, f);
  const trailingDailyMean = costOf(select(events, asOf - 7 * D, asOf, f)) / 7;
  const projectedMonth = costOf(mtd) + trailingDailyMean * daysLeft;
  return {
    asOf: new Date(asOf).toISOString(),
    monthStart: new Date(monthStart).toISOString(),
    monthToDate: costOf(mtd),
    trailingDailyMean,
    daysLeft,
    projectedMonth,
    budgetUsd: budget,
    projectedOverBudget: budget === null ? null : projectedMonth > budget,
    unpricedRequests: mtd.filter((e) => e.costUsd === null).length,
  };
}

type Cost = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["cost"]>>;

function expectForecast(actual: Cost["forecast"], exp: ReturnType<typeof expectedForecast>) {
  expect(actual.asOf).toBe(exp.asOf);
  expect(actual.monthStart).toBe(exp.monthStart);
  expect(actual.unpricedRequests).toBe(exp.unpricedRequests);
  expect(actual.budgetUsd).toBe(exp.budgetUsd);
  expect(actual.projectedOverBudget).toBe(exp.projectedOverBudget);
  expect(actual.daysLeft).toBeCloseTo(exp.daysLeft, 9);
  for (const k of ["monthToDate", "trailingDailyMean", "projectedMonth"] as const) expect(relErr(actual[k], exp[k])).toBeLessThan(1e-9);
}

function expectFigures(actual: Omit<Cost, "series" | "byModel" | "forecast" | "previous">, exp: ReturnType<typeof figures>) {
  expect(actual.pricedRequests).toBe(exp.pricedRequests);
  expect(actual.unpricedRequests).toBe(exp.unpricedRequests);
  expect(relErr(actual.total, exp.total)).toBeLessThan(1e-9);
  expect(relErr(actual.perRequest, exp.perRequest)).toBeLessThan(1e-9);
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.cost on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const { from, to, bucket, timezone } = range;
          const actual = await fx.caller.kpi.cost({ range: { from, to }, bucket, timezone, filters });
          const sel = select(fx.events, from, to, filters);
          expectFigures(actual, figures(sel));
          expect(actual.previous).toBeNull();

          const series = oracleSeries(sel, from, to, bucket, timezone);
          expect(actual.series.map((p) => p.t)).toEqual(series.map((b) => new Date(b.start).toISOString()));
          series.forEach((b, i) => {
            expect(actual.series[i]!.unpricedRequests).toBe(b.events.filter((e) => e.costUsd === null).length);
            expect(relErr(actual.series[i]!.costUsd, costOf(b.events))).toBeLessThan(1e-9);
          });

          const models = new Map<string, OracleEvent[]>();
          for (const e of sel) models.set(`${e.provider}/${e.model}`, [...(models.get(`${e.provider}/${e.model}`) ?? []), e]);
          expect(actual.byModel).toHaveLength(models.size);
          for (const row of actual.byModel) {
            const exp = figures(models.get(`${row.provider}/${row.model}`) ?? []);
            expect(row.pricedRequests).toBe(exp.pricedRequests);
            expect(row.unpricedRequests).toBe(exp.unpricedRequests);
            expect(relErr(row.costUsd, exp.total)).toBeLessThan(1e-9);
            expect(relErr(row.perRequest, exp.perRequest)).toBeLessThan(1e-9);
            expect(relErr(row.share, div(exp.total, costOf(sel)))).toBeLessThan(1e-9);
          }
          const costs = actual.byModel.map((r) => r.costUsd);
          expect(costs).toEqual([...costs].sort((a, b) => b - a));

          expectForecast(actual.forecast, expectedForecast(fx.events, Math.min(to, Date.now()), timezone, filters, null));
        });
      }
    }

    it("compare returns the previous period's spend", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.cost({ range: { from, to: END }, compare: true });
      expectFigures(actual.previous!, figures(select(fx.events, from - 7 * D, from, {})));
    });

    it("forecasts against the project's monthly budget", async () => {
      const exp = expectedForecast(fx.events, END, "UTC", {}, null);
      const project = await fx.pm.store.db.selectFrom("projects").select("id").where("name", "=", "main").executeTakeFirstOrThrow();
      const setBudget = (usd: number | null) =>
        fx.pm.store.db.updateTable("projects").set({ monthly_budget_usd: usd }).where("id", "=", project.id).execute();
      try {
        for (const budget of [exp.projectedMonth * 0.9, exp.projectedMonth * 1.1]) {
          await setBudget(budget);
          const actual = await fx.caller.kpi.cost({ range: { from: START, to: END } });
          expectForecast(actual.forecast, expectedForecast(fx.events, END, "UTC", {}, budget));
        }
      } finally {
        await setBudget(null);
      }
    });

    it("a range ending at local midnight on the 1st forecasts the month it covered: no days left", async () => {
      const to = Date.UTC(2026, 2, 31, 22); // 2026-04-01 00:00 in Paris
      const actual = await fx.caller.kpi.cost({ range: { from: to - 10 * D, to }, timezone: "Europe/Paris" });
      expect(actual.forecast.monthStart).toBe("2026-02-28T23:00:00.000Z");
      expect(actual.forecast.daysLeft).toBe(0);
      expect(actual.forecast.projectedMonth).toBe(actual.forecast.monthToDate);
      expectForecast(actual.forecast, expectedForecast(fx.events, to, "Europe/Paris", {}, null));
    });

    it("a range reaching past now forecasts as of now", async () => {
      const now = END - 2 * D - 7 * H;
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(now);
      try {
        const actual = await fx.caller.kpi.cost({ range: { from: END - 10 * D, to: END + D }, timezone: "America/New_York" });
        expectForecast(actual.forecast, expectedForecast(fx.events, now, "America/New_York", {}, null));
      } finally {
        vi.useRealTimers();
      }
    });

    it("an empty range has zero spend, a null cost per request and zero-filled buckets", async () => {
      const actual = await fx.caller.kpi.cost({ range: { from: START - 10 * H, to: START - 5 * H }, bucket: "hour" });
      expect(actual.total).toBe(0);
      expect(actual.perRequest).toBeNull();
      expect(actual.byModel).toEqual([]);
      // START is at :17, so 5 hours touch 6 clock hours.
      expect(actual.series).toHaveLength(6);
      expect(actual.series.every((p) => p.costUsd === 0 && p.unpricedRequests === 0)).toBe(true);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.cost({ range: { from: START, to: END } });
      expectFigures(actual, figures(fx.singleEvents));
      expect(actual.byModel).toHaveLength(1);
      expect(actual.series.reduce((s, p) => s + p.costUsd, 0)).toBeCloseTo(costOf(fx.singleEvents), 12);
    });

    it("a project where every request failed", async () => {
      const actual = await fx.callers.errorsOnly.kpi.cost({ range: { from: START, to: END } });
      expectFigures(actual, figures(fx.errorEvents));
      expectForecast(actual.forecast, expectedForecast(fx.errorEvents, END, "UTC", {}, null));
    });

    it("the unknown fine-tuned model is unpriced, never $0", async () => {
      const actual = await fx.caller.kpi.cost({ range: { from: START, to: END } });
      const ft = actual.byModel.find((r) => r.model === "ft:gpt-4o-mini:acme:support-v2")!;
      const events = fx.events.filter((e) => e.model === "ft:gpt-4o-mini:acme:support-v2");
      expect(ft.unpricedRequests).toBe(events.filter((e) => e.costUsd === null).length);
      expect(ft.unpricedRequests).toBeGreaterThan(50);
      expect(ft.pricedRequests).toBe(events.filter((e) => e.costUsd !== null).length);
    });
  });
}
