import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { div, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;

function expected(events: OracleEvent[], from: number, to: number, f: Filters) {
  const perSession = new Map<string, number>();
  for (const e of select(events, from, to, f)) {
    if (e.sessionId !== null) perSession.set(e.sessionId, (perSession.get(e.sessionId) ?? 0) + 1);
  }
  const sizes = [...perSession.values()];
  const requests = sizes.reduce((s, n) => s + n, 0);
  const count = (lo: number, hi: number) => sizes.filter((n) => n >= lo && n <= hi).length;
  return {
    sessions: sizes.length,
    requests,
    avgRequestsPerSession: div(requests, sizes.length),
    repeatRate: div(requests - sizes.length, requests),
    sessionsWithFollowUp: count(2, Number.POSITIVE_INFINITY),
    byRequests: [
      { bucket: "1", sessions: count(1, 1) },
      { bucket: "2", sessions: count(2, 2) },
      { bucket: "3-5", sessions: count(3, 5) },
      { bucket: "6-10", sessions: count(6, 10) },
      { bucket: "11+", sessions: count(11, Number.POSITIVE_INFINITY) },
    ],
  };
}

type Figures = ReturnType<typeof expected>;

function expectMatches(actual: Figures, exp: Figures) {
  expect(actual.sessions).toBe(exp.sessions);
  expect(actual.requests).toBe(exp.requests);
  expect(actual.sessionsWithFollowUp).toBe(exp.sessionsWithFollowUp);
  expect(actual.byRequests).toEqual(exp.byRequests);
  for (const k of ["avgRequestsPerSession", "repeatRate"] as const) {
    if (exp[k] === null) expect(actual[k]).toBeNull();
    else expect(actual[k]).toBeCloseTo(exp[k], 12);
  }
}

const RANGES = [
  { name: "whole 30 days", from: START, to: END },
  { name: "3 days, unaligned edges", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000 },
  { name: "90 minutes", from: END - 26 * H, to: END - 24.5 * H },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.sessions on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.sessions({ range: { from: range.from, to: range.to }, filters });
          expectMatches(actual, expected(fx.events, range.from, range.to, filters));
          expect(actual.previous).toBeNull();
        });
      }
    }

    it("sessions have follow-ups, and anonymous requests are left out", async () => {
      const actual = await fx.caller.kpi.sessions({ range: { from: START, to: END } });
      expect(actual.sessionsWithFollowUp).toBeGreaterThan(50);
      expect(actual.repeatRate).toBeGreaterThan(0);
      expect(actual.requests).toBeLessThan(fx.events.length);
      expect(actual.requests).toBe(fx.events.filter((e) => e.sessionId !== null).length);
    });

    it("compare returns the previous period's figures", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.sessions({ range: { from, to: END }, compare: true });
      expectMatches(actual.previous!, expected(fx.events, from - 7 * D, from, {}));
    });

    it("an empty range: no sessions, null averages", async () => {
      const actual = await fx.caller.kpi.sessions({ range: { from: START - 10 * H, to: START - 5 * H } });
      expectMatches(actual, expected(fx.events, START - 10 * H, START - 5 * H, {}));
      expect(actual.avgRequestsPerSession).toBeNull();
      expect(actual.repeatRate).toBeNull();
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.sessions({ range: { from: START, to: END } });
      expectMatches(actual, expected(fx.singleEvents, START, END, {}));
    });

    it("a project whose requests carry no sessionId", async () => {
      const actual = await fx.callers.errorsOnly.kpi.sessions({ range: { from: START, to: END } });
      expect(actual.sessions).toBe(0);
      expect(actual.requests).toBe(0);
      expect(actual.byRequests.every((b) => b.sessions === 0)).toBe(true);
    });
  });
}
