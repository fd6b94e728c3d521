import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "../../src/auth/projects.js";
import { appRouter } from "../../src/router.js";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { localLabel, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;

/** Local weekday (0 = Monday) and hour, read off Intl's wall-clock label. */
function weekdayHour(ts: number, timeZone: string): [number, number] {
  const label = localLabel(ts, timeZone);
  const [y, m, d] = label.slice(0, 10).split("-").map(Number) as [number, number, number];
  return [(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7, Number(label.slice(11, 13))];
}

function expected(events: OracleEvent[], from: number, to: number, f: Filters, timeZone: string) {
  const matrix = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const sel = select(events, from, to, f);
  for (const e of sel) {
    const [wd, h] = weekdayHour(e.ts, timeZone);
    matrix[wd]![h]! += 1;
  }
  let peak: { weekday: number; hour: number; requests: number } | null = null;
  for (let wd = 0; wd < 7; wd++) {
    for (let h = 0; h < 24; h++) {
      const n = matrix[wd]![h]!;
      if (n > 0 && (peak === null || n > peak.requests)) peak = { weekday: wd, hour: h, requests: n };
    }
  }
  return { requests: sel.length, peak, matrix };
}

const RANGES = [
  { name: "whole 30 days", from: START, to: END },
  { name: "3 days, unaligned edges", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000 },
  { name: "2 days, edges inside a minute", from: END - 2 * D - 17 * 60_000 + 25_000, to: END - 3 * H + 41_500 },
];
const ZONES = ["UTC", "America/New_York", "Europe/Paris", "Asia/Kolkata"];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.peakTimes on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.peakTimes({ range: { from: range.from, to: range.to }, filters });
          expect(actual).toEqual({ ...expected(fx.events, range.from, range.to, filters, "UTC"), previous: null });
        });
      }
    }

    for (const timezone of ZONES) {
      it(`local weekdays and hours in ${timezone}, across both DST changes`, async () => {
        const actual = await fx.caller.kpi.peakTimes({ range: { from: START, to: END }, timezone });
        expect(actual).toEqual({ ...expected(fx.events, START, END, {}, timezone), previous: null });
      });
    }

    it("a user's own heatmap in New York (events path) across the US DST change", async () => {
      const from = Date.UTC(2026, 2, 1);
      const to = Date.UTC(2026, 2, 15);
      const actual = await fx.caller.kpi.peakTimes({ range: { from, to }, timezone: "America/New_York", filters: { userId: "user_0001" } });
      expect(actual).toEqual({ ...expected(fx.events, from, to, { userId: "user_0001" }, "America/New_York"), previous: null });
    });

    it("the busiest hours are working hours on weekdays", async () => {
      const actual = await fx.caller.kpi.peakTimes({ range: { from: START, to: END } });
      expect(actual.peak!.weekday).toBeLessThan(5);
      expect(actual.peak!.hour).toBeGreaterThanOrEqual(8);
      expect(actual.peak!.hour).toBeLessThanOrEqual(19);
    });

    it("compare returns the previous period's total and peak", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.peakTimes({ range: { from, to: END }, compare: true, timezone: "Europe/Paris" });
      const { matrix: _, ...prev } = expected(fx.events, from - 7 * D, from, {}, "Europe/Paris");
      expect(actual.previous).toEqual(prev);
    });

    it("an empty range: a zero matrix and no peak", async () => {
      const actual = await fx.caller.kpi.peakTimes({ range: { from: START - 10 * H, to: START - 5 * H } });
      expect(actual.requests).toBe(0);
      expect(actual.peak).toBeNull();
      expect(actual.matrix).toEqual(Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0)));
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.peakTimes({ range: { from: START, to: END }, timezone: "Asia/Kolkata" });
      expect(actual).toEqual({ ...expected(fx.singleEvents, START, END, {}, "Asia/Kolkata"), previous: null });
      expect(actual.peak!.requests).toBe(1);
    });

    it("both 01:00 hours of the New York fall-back night land in the same cell", async () => {
      const project = await ensureProject(fx.pm.store, "fall-back");
      // 2026-11-01 05:30Z is 01:30 EDT and 06:30Z is 01:30 EST: a Sunday, local hour 1, twice.
      const at = [Date.UTC(2026, 10, 1, 5, 30), Date.UTC(2026, 10, 1, 6, 30), Date.UTC(2026, 10, 1, 7, 30)];
      await fx.pm.ingest.events(
        project.id,
        at.map((timestamp, i) => ({
          id: `fb-${i}`,
          timestamp,
          provider: "openai",
          model: "gpt-4o",
          status: "success" as const,
          latencyMs: 5,
        })),
      );
      const caller = appRouter.createCaller(fx.pm.createContext({ projectId: project.id, canRead: true, canIngest: false }));
      const actual = await caller.kpi.peakTimes({
        range: { from: Date.UTC(2026, 9, 31), to: Date.UTC(2026, 10, 2) },
        timezone: "America/New_York",
      });
      expect(actual.peak).toEqual({ weekday: 6, hour: 1, requests: 2 });
      expect(actual.matrix[6]![2]).toBe(1);
      expect(actual.requests).toBe(3);
    });

    it("a project where every request failed", async () => {
      const actual = await fx.callers.errorsOnly.kpi.peakTimes({ range: { from: START, to: END } });
      expect(actual).toEqual({ ...expected(fx.errorEvents, START, END, {}, "UTC"), previous: null });
    });
  });
}
