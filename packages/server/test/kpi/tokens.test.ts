import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { div, oracleSeries, select } from "./oracle.js";

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
  { name: "30 days by Paris week", from: START, to: END, bucket: "week", timezone: "Europe/Paris" },
];

function totals(events: readonly OracleEvent[]) {
  const t = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  for (const e of events) {
    t.input += e.inputTokens;
    t.output += e.outputTokens;
    t.cacheRead += e.cacheReadTokens;
    t.cacheWrite += e.cacheWriteTokens;
    t.reasoning += e.reasoningTokens;
  }
  return t;
}

function figures(sel: readonly OracleEvent[]) {
  const t = totals(sel);
  return {
    requests: sel.length,
    totals: t,
    avgInputPerRequest: div(t.input, sel.length),
    avgOutputPerRequest: div(t.output, sel.length),
    cacheReadShare: div(t.cacheRead, t.input),
  };
}

type Tokens = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["tokens"]>>;

function expectFigures(actual: Omit<Tokens, "series" | "byModel" | "previous">, exp: ReturnType<typeof figures>) {
  expect(actual.requests).toBe(exp.requests);
  expect(actual.totals).toEqual(exp.totals);
  for (const k of ["avgInputPerRequest", "avgOutputPerRequest", "cacheReadShare"] as const) {
    if (exp[k] === null) expect(actual[k]).toBeNull();
    else expect(actual[k]).toBeCloseTo(exp[k], 9);
  }
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.tokens on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const { from, to, bucket, timezone } = range;
          const actual = await fx.caller.kpi.tokens({ range: { from, to }, bucket, timezone, filters });
          const sel = select(fx.events, from, to, filters);
          expectFigures(actual, figures(sel));
          expect(actual.previous).toBeNull();

          const series = oracleSeries(sel, from, to, bucket, timezone);
          expect(actual.series).toEqual(series.map((b) => ({ t: new Date(b.start).toISOString(), ...totals(b.events) })));

          const models = new Map<string, OracleEvent[]>();
          for (const e of sel) models.set(`${e.provider}/${e.model}`, [...(models.get(`${e.provider}/${e.model}`) ?? []), e]);
          expect(actual.byModel).toHaveLength(models.size);
          for (const row of actual.byModel) {
            const events = models.get(`${row.provider}/${row.model}`) ?? [];
            const t = totals(events);
            expect(row).toEqual({
              provider: row.provider,
              model: row.model,
              requests: events.length,
              ...t,
              cacheReadShare: div(t.cacheRead, t.input),
            });
          }
          const volumes = actual.byModel.map((r) => r.input + r.output);
          expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
        });
      }
    }

    it("compare returns the previous period's token use", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.tokens({ range: { from, to: END }, compare: true });
      expectFigures(actual.previous!, figures(select(fx.events, from - 7 * D, from, {})));
    });

    it("cache reads are a part of input: the share is below 1 and above 0 on cached models", async () => {
      const actual = await fx.caller.kpi.tokens({ range: { from: START, to: END }, filters: { model: "gpt-4o-mini" } });
      expect(actual.cacheReadShare).toBeGreaterThan(0);
      expect(actual.cacheReadShare).toBeLessThan(1);
      expect(actual.totals.reasoning).toBeLessThanOrEqual(actual.totals.output);
    });

    it("an empty range has zero tokens and null means", async () => {
      const actual = await fx.caller.kpi.tokens({ range: { from: START - 10 * H, to: START - 5 * H }, bucket: "hour" });
      expectFigures(actual, figures([]));
      expect(actual.avgInputPerRequest).toBeNull();
      expect(actual.cacheReadShare).toBeNull();
      expect(actual.series).toHaveLength(6);
      expect(actual.byModel).toEqual([]);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.tokens({ range: { from: START, to: END } });
      expectFigures(actual, figures(fx.singleEvents));
    });

    it("a project where every request failed (no usage reported)", async () => {
      const actual = await fx.callers.errorsOnly.kpi.tokens({ range: { from: START, to: END } });
      expectFigures(actual, figures(fx.errorEvents));
      expect(actual.cacheReadShare).toBeNull();
      expect(actual.avgInputPerRequest).toBe(0);
    });
  });
}
