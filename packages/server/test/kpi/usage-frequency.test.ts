import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { div, localLabel, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;

function expected(events: OracleEvent[], from: number, to: number, f: Filters, timeZone: string) {
  const days = new Map<string, Set<string>>();
  let requests = 0;
  for (const e of select(events, from, to, f)) {
    if (e.userId === null) continue;
    requests += 1;
    const set = days.get(e.userId) ?? new Set<string>();
    set.add(localLabel(e.ts, timeZone).slice(0, 10));
    days.set(e.userId, set);
  }
  const counts = [...days.values()].map((s) => s.size);
  const users = (lo: number, hi: number) => counts.filter((n) => n >= lo && n <= hi).length;
  const userDays = counts.reduce((s, n) => s + n, 0);
  return {
    activeUsers: days.size,
    userDays,
    requests,
    requestsPerUserDay: div(requests, userDays),
    byActiveDays: [
      { bucket: "1", users: users(1, 1) },
      { bucket: "2-3", users: users(2, 3) },
      { bucket: "4-7", users: users(4, 7) },
      { bucket: "8-14", users: users(8, 14) },
      { bucket: "15+", users: users(15, Number.POSITIVE_INFINITY) },
    ],
  };
}

type Figures = ReturnType<typeof expected>;

function expectMatches(actual: Figures & { previous?: unknown }, exp: Figures) {
  const { requestsPerUserDay, previous: _, ...rest } = actual;
  const { requestsPerUserDay: expRate, ...expRest } = exp;
  expect(rest).toEqual(expRest);
  if (expRate === null) expect(requestsPerUserDay).toBeNull();
  else expect(requestsPerUserDay).toBeCloseTo(expRate, 12);
}

const RANGES = [
  { name: "whole 30 days", from: START, to: END },
  { name: "UTC-day-aligned 10 days (rollup only)", from: Date.UTC(2026, 2, 20), to: Date.UTC(2026, 2, 30) },
  { name: "3 days, unaligned edges", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000 },
  { name: "90 minutes", from: END - 26 * H, to: END - 24.5 * H },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.usageFrequency on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.usageFrequency({ range: { from: range.from, to: range.to }, filters });
          expectMatches(actual, expected(fx.events, range.from, range.to, filters, "UTC"));
          expect(actual.previous).toBeNull();
        });
      }
    }

    for (const [timezone, from, to] of [
      ["America/New_York", Date.UTC(2026, 2, 6, 12), Date.UTC(2026, 2, 11, 3)],
      ["Europe/Paris", Date.UTC(2026, 2, 27, 7, 30), Date.UTC(2026, 3, 1, 0)],
      ["Asia/Kolkata", START, END],
      ["Pacific/Auckland", Date.UTC(2026, 2, 20), Date.UTC(2026, 2, 30)],
    ] as const) {
      it(`local days in ${timezone} (UTC days split across two local days)`, async () => {
        const actual = await fx.caller.kpi.usageFrequency({ range: { from, to }, timezone });
        expectMatches(actual, expected(fx.events, from, to, {}, timezone));
      });
    }

    it("a week's users fall in more than one bucket", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.usageFrequency({ range: { from, to: END }, timezone: "Europe/Paris" });
      expectMatches(actual, expected(fx.events, from, END, {}, "Europe/Paris"));
      expect(actual.byActiveDays.filter((b) => b.users > 0).length).toBeGreaterThanOrEqual(2);
    });

    it("compare returns the previous period's figures", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.usageFrequency({ range: { from, to: END }, compare: true, timezone: "America/New_York" });
      expectMatches(actual.previous!, expected(fx.events, from - 7 * D, from, {}, "America/New_York"));
    });

    it("an empty range: no users, a null mean", async () => {
      const actual = await fx.caller.kpi.usageFrequency({ range: { from: START - 10 * D, to: START - 5 * D } });
      expectMatches(actual, expected(fx.events, START - 10 * D, START - 5 * D, {}, "UTC"));
      expect(actual.requestsPerUserDay).toBeNull();
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.usageFrequency({ range: { from: START, to: END } });
      expectMatches(actual, expected(fx.singleEvents, START, END, {}, "UTC"));
      expect(actual.activeUsers).toBe(1);
    });

    it("a project where every request failed: failed requests still count as activity", async () => {
      const actual = await fx.callers.errorsOnly.kpi.usageFrequency({ range: { from: START, to: END } });
      expectMatches(actual, expected(fx.errorEvents, START, END, {}, "UTC"));
      expect(actual.activeUsers).toBe(2);
    });
  });
}
