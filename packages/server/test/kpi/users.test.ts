import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { div, oracleBucketStart, oracleBucketStarts, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;
type Size = "minute" | "hour" | "day" | "week";

function distinctUsers(events: readonly OracleEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) if (e.userId !== null) out.add(e.userId);
  return out;
}

/** Distinct users per local bucket start. */
function groupUsers(events: readonly OracleEvent[], size: Size, tz: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const e of events) {
    const start = oracleBucketStart(e.ts, size, tz);
    const set = out.get(start) ?? new Set<string>();
    set.add(e.userId!);
    out.set(start, set);
  }
  return out;
}

/** Slow obvious kpi.users: distinct-user sets per local day and bucket, first-ever request per user over the whole project. */
function expected(all: readonly OracleEvent[], from: number, to: number, f: Filters, tz: string, size: Size) {
  const sel = select(all, from, to, f).filter((e) => e.userId !== null);
  const users = distinctUsers(sel);
  const days = oracleBucketStarts(from, to, "day", tz);
  const perDay = groupUsers(sel, "day", tz);
  let daySum = 0;
  for (const day of days) daySum += perDay.get(day)?.size ?? 0;
  const dau = daySum / days.length;
  const wau = distinctUsers(select(all, to - 7 * D, to, f)).size;
  const mau = distinctUsers(select(all, to - 30 * D, to, f)).size;
  const firstEver = new Map<string, number>();
  for (const e of all)
    if (e.userId !== null && !(e.ts >= (firstEver.get(e.userId) ?? Number.POSITIVE_INFINITY))) firstEver.set(e.userId, e.ts);
  let newUsers = 0;
  for (const u of users) if (firstEver.get(u)! >= from) newUsers += 1;
  const perBucket = groupUsers(sel, size, tz);
  const series = oracleBucketStarts(from, to, size, tz).map((start) => ({
    t: new Date(start).toISOString(),
    activeUsers: perBucket.get(start)?.size ?? 0,
  }));
  return {
    figures: { uniqueUsers: users.size, dau, wau, mau, stickiness: div(dau, mau), newUsers, returningUsers: users.size - newUsers },
    series,
  };
}

type Figures = ReturnType<typeof expected>["figures"];

function expectFigures(actual: Figures, exp: Figures) {
  expect({ ...actual, dau: 0, stickiness: 0 }).toEqual({ ...exp, dau: 0, stickiness: 0 });
  expect(actual.dau).toBeCloseTo(exp.dau, 12);
  if (exp.stickiness === null) expect(actual.stickiness).toBeNull();
  else expect(actual.stickiness).toBeCloseTo(exp.stickiness, 12);
}

const RANGES: { name: string; from: number; to: number; tz: string; bucket: Size }[] = [
  { name: "whole 30 days by UTC day", from: START, to: END, tz: "UTC", bucket: "day" },
  { name: "3 days, unaligned edges, by hour", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000, tz: "UTC", bucket: "hour" },
  { name: "90 minutes by minute", from: END - 26 * H, to: END - 24.5 * H, tz: "UTC", bucket: "minute" },
  // 2026-03-08 in New York is 23 hours long.
  {
    name: "New York days across the US DST change",
    from: Date.UTC(2026, 2, 7, 5),
    to: Date.UTC(2026, 2, 10, 4),
    tz: "America/New_York",
    bucket: "day",
  },
  // 2026-03-29 in Paris is 23 hours long.
  {
    name: "Paris days across the EU DST change",
    from: Date.UTC(2026, 2, 27, 23),
    to: Date.UTC(2026, 2, 31, 22),
    tz: "Europe/Paris",
    bucket: "day",
  },
  { name: "Kolkata (+5:30) hours", from: END - 2 * D - 7 * 60_000, to: END - D, tz: "Asia/Kolkata", bucket: "hour" },
  { name: "weeks in Paris", from: START, to: END, tz: "Europe/Paris", bucket: "week" },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.users on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.users({
            range: { from: range.from, to: range.to },
            timezone: range.tz,
            bucket: range.bucket,
            filters,
          });
          const exp = expected(fx.events, range.from, range.to, filters, range.tz, range.bucket);
          const { series, previous, ...figures } = actual;
          expectFigures(figures, exp.figures);
          expect(series).toEqual(exp.series);
          expect(previous).toBeNull();
        });
      }
    }

    it("the New York day of the DST change is one 23-hour bucket", async () => {
      const actual = await fx.caller.kpi.users({
        range: { from: Date.UTC(2026, 2, 7, 5), to: Date.UTC(2026, 2, 10, 4) },
        timezone: "America/New_York",
        bucket: "day",
      });
      expect(actual.series.map((p) => p.t)).toEqual(["2026-03-07T05:00:00.000Z", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    });

    it("new and returning users split the active users by their first request ever", async () => {
      // The dataset starts at START: over all of it every user is new; in its last week, a user seen earlier returns.
      const all = await fx.caller.kpi.users({ range: { from: START, to: END }, bucket: "day" });
      expect(all.newUsers).toBe(all.uniqueUsers);
      expect(all.returningUsers).toBe(0);
      const week = await fx.caller.kpi.users({ range: { from: END - 7 * D, to: END }, bucket: "day" });
      expect(week.returningUsers).toBeGreaterThan(0);
      expect(week.newUsers + week.returningUsers).toBe(week.uniqueUsers);
    });

    it("compare returns the previous period of equal length", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.users({ range: { from, to: END }, bucket: "day", compare: true });
      expect(actual.previous).not.toBeNull();
      expectFigures(actual.previous!, expected(fx.events, from - 7 * D, from, {}, "UTC", "day").figures);
    });

    it("an empty range has no users, zero DAU, null stickiness and a zero-filled series", async () => {
      const actual = await fx.caller.kpi.users({ range: { from: START - 10 * H, to: START - 5 * H }, bucket: "hour" });
      expect(actual).toMatchObject({ uniqueUsers: 0, dau: 0, wau: 0, mau: 0, stickiness: null, newUsers: 0, returningUsers: 0 });
      // START is 10:17, so the five hours from 00:17 touch six hour buckets.
      expect(actual.series).toHaveLength(6);
      expect(actual.series.every((p) => p.activeUsers === 0)).toBe(true);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.users({ range: { from: START, to: END }, bucket: "day" });
      const exp = expected(fx.singleEvents, START, END, {}, "UTC", "day");
      const { series, previous: _, ...figures } = actual;
      expectFigures(figures, exp.figures);
      expect(series).toEqual(exp.series);
      expect(figures.uniqueUsers).toBe(fx.singleEvents[0]!.userId === null ? 0 : 1);
    });

    it("a project where every request failed still has active users", async () => {
      const actual = await fx.callers.errorsOnly.kpi.users({ range: { from: START, to: END }, bucket: "day" });
      const exp = expected(fx.errorEvents, START, END, {}, "UTC", "day");
      expect(exp.figures.uniqueUsers).toBe(2);
      const { series, previous: _, ...figures } = actual;
      expectFigures(figures, exp.figures);
      expect(series).toEqual(exp.series);
    });

    it("another project's read scope sees none of this project's users", async () => {
      const actual = await fx.callers.empty.kpi.users({ range: { from: START, to: END } });
      expect(actual.uniqueUsers).toBe(0);
      expect(actual.mau).toBe(0);
    });
  });
}
