import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, type OracleFeedback, START } from "./fixture.js";
import { div, oracleBucketStart, oracleBucketStarts, relErr, select, selectFeedback } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;
type Size = "minute" | "hour" | "day" | "week";

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

function figures(events: readonly OracleEvent[], feedback: readonly OracleFeedback[], from: number, to: number, f: Filters) {
  const fb = selectFeedback(feedback, events, from, to, f);
  return { count: fb.length, feedbackRate: div(fb.length, select(events, from, to, f).length), avgScore: mean(fb.map((x) => x.score)) };
}

/** Slow obvious kpi.feedback over the generated feedback and events. */
function expected(
  events: readonly OracleEvent[],
  feedback: readonly OracleFeedback[],
  from: number,
  to: number,
  f: Filters,
  tz: string,
  size: Size,
) {
  const fb = selectFeedback(feedback, events, from, to, f);
  const byStart = new Map<number, number[]>();
  for (const x of fb) {
    const start = oracleBucketStart(x.ts, size, tz);
    byStart.set(start, [...(byStart.get(start) ?? []), x.score]);
  }
  const series = oracleBucketStarts(from, to, size, tz).map((start) => {
    const scores = byStart.get(start) ?? [];
    return { t: new Date(start).toISOString(), count: scores.length, avgScore: mean(scores) };
  });
  const histogram = Array.from({ length: 10 }, (_, k) => ({
    from: k / 10,
    to: (k + 1) / 10,
    count: fb.filter((x) => x.score >= k / 10 && (x.score < (k + 1) / 10 || (k === 9 && x.score <= 1))).length,
  }));
  const sentiment = {
    positive: fb.filter((x) => x.sentiment === "positive").length,
    neutral: fb.filter((x) => x.sentiment === "neutral").length,
    negative: fb.filter((x) => x.sentiment === "negative").length,
  };
  const eventById = new Map(events.map((e) => [e.id, e]));
  const models = new Map<string, number[]>();
  for (const x of fb) {
    const e = x.eventId === null ? undefined : eventById.get(x.eventId);
    if (e) models.set(e.model, [...(models.get(e.model) ?? []), x.score]);
  }
  const byModel = [...models.entries()]
    .map(([model, scores]) => ({ model, count: scores.length, avgScore: mean(scores) }))
    .sort((a, b) => b.count - a.count || (a.model < b.model ? -1 : 1));
  const givers = new Map<string, number[]>();
  for (const x of fb) if (x.userId !== null) givers.set(x.userId, [...(givers.get(x.userId) ?? []), x.score]);
  const active = new Set(select(events, from, to, f).flatMap((e) => (e.userId === null ? [] : [e.userId])));
  const topGivers = [...givers.entries()]
    .map(([userId, scores]) => ({ userId, count: scores.length, avgScore: mean(scores) }))
    .sort((a, b) => b.count - a.count || (a.userId < b.userId ? -1 : 1))
    .slice(0, 10);
  const recentComments = fb
    .filter((x) => x.comment !== null && x.comment !== "")
    .sort((a, b) => b.ts - a.ts)
    .slice(0, 10)
    .map((x) => ({
      ts: new Date(x.ts).toISOString(),
      score: x.score,
      sentiment: x.sentiment,
      comment: x.comment,
      eventId: x.eventId,
      userId: x.userId,
    }));
  return {
    ...figures(events, feedback, from, to, f),
    series,
    histogram,
    sentiment,
    byModel,
    engagedUsers: { count: givers.size, share: div([...givers.keys()].filter((u) => active.has(u)).length, active.size) },
    topGivers,
    recentComments,
  };
}

type Output = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["feedback"]>>;
type Exp = ReturnType<typeof expected>;

function close(a: number | null, e: number | null) {
  expect(relErr(a, e)).toBeLessThan(1e-9);
}

function expectMatches(actual: Output, exp: Exp) {
  expect(actual.count).toBe(exp.count);
  close(actual.feedbackRate, exp.feedbackRate);
  close(actual.avgScore, exp.avgScore);
  expect(actual.histogram).toEqual(exp.histogram);
  expect(actual.sentiment).toEqual(exp.sentiment);
  expect(actual.series.map((p) => [p.t, p.count])).toEqual(exp.series.map((p) => [p.t, p.count]));
  for (const [i, p] of exp.series.entries()) close(actual.series[i]!.avgScore, p.avgScore);
  expect(actual.byModel.map((r) => [r.model, r.count])).toEqual(exp.byModel.map((r) => [r.model, r.count]));
  for (const [i, r] of exp.byModel.entries()) close(actual.byModel[i]!.avgScore, r.avgScore);
  expect(actual.engagedUsers.count).toBe(exp.engagedUsers.count);
  close(actual.engagedUsers.share, exp.engagedUsers.share);
  expect(actual.topGivers.map((r) => [r.userId, r.count])).toEqual(exp.topGivers.map((r) => [r.userId, r.count]));
  for (const [i, r] of exp.topGivers.entries()) close(actual.topGivers[i]!.avgScore, r.avgScore);
  expect(actual.recentComments).toEqual(exp.recentComments);
}

const RANGES: { name: string; from: number; to: number; tz: string; bucket: Size }[] = [
  { name: "whole 30 days by UTC day", from: START, to: END, tz: "UTC", bucket: "day" },
  { name: "3 days, unaligned edges, by hour", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000, tz: "UTC", bucket: "hour" },
  {
    name: "New York days across the US DST change",
    from: Date.UTC(2026, 2, 7, 5),
    to: Date.UTC(2026, 2, 10, 4),
    tz: "America/New_York",
    bucket: "day",
  },
  {
    name: "Paris days across the EU DST change",
    from: Date.UTC(2026, 2, 27, 23),
    to: Date.UTC(2026, 2, 31, 22),
    tz: "Europe/Paris",
    bucket: "day",
  },
  { name: "Kolkata (+5:30) hours", from: END - 2 * D - 7 * 60_000, to: END - D, tz: "Asia/Kolkata", bucket: "hour" },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.feedback on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.feedback({
            range: { from: range.from, to: range.to },
            timezone: range.tz,
            bucket: range.bucket,
            filters,
          });
          expectMatches(actual, expected(fx.events, fx.feedback, range.from, range.to, filters, range.tz, range.bucket));
          expect(actual.previous).toBeNull();
        });
      }
    }

    it("the dataset's feedback has every kind of score, comment and sentiment", async () => {
      const actual = await fx.caller.kpi.feedback({ range: { from: START, to: END + H } });
      expect(actual.count).toBeGreaterThan(300);
      expect(actual.histogram.filter((b) => b.count > 0).length).toBeGreaterThanOrEqual(5);
      expect(Object.values(actual.sentiment).every((n) => n > 0)).toBe(true);
      expect(actual.recentComments).toHaveLength(10);
      expect(actual.engagedUsers.share).toBeGreaterThan(0);
      expect(actual.engagedUsers.share).toBeLessThanOrEqual(1);
    });

    it("compare returns the previous period's count, rate and mean score", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.feedback({ range: { from, to: END }, compare: true });
      const exp = figures(fx.events, fx.feedback, from - 7 * D, from, {});
      expect(actual.previous!.count).toBe(exp.count);
      close(actual.previous!.feedbackRate, exp.feedbackRate);
      close(actual.previous!.avgScore, exp.avgScore);
    });

    it("an empty range: zero counts, null rates and a zero-filled series", async () => {
      const actual = await fx.caller.kpi.feedback({ range: { from: START - 10 * H, to: START - 5 * H }, bucket: "hour" });
      expect(actual).toMatchObject({ count: 0, feedbackRate: null, avgScore: null, engagedUsers: { count: 0, share: null } });
      expect(actual.series.every((p) => p.count === 0 && p.avgScore === null)).toBe(true);
      expect(actual.histogram.every((b) => b.count === 0)).toBe(true);
      expect(actual.byModel).toEqual([]);
      expect(actual.recentComments).toEqual([]);
    });

    it("a project with a single event and no feedback", async () => {
      const actual = await fx.callers.single.kpi.feedback({ range: { from: START, to: END } });
      expectMatches(actual, expected(fx.singleEvents, [], START, END, {}, "UTC", "day"));
      expect(actual.feedbackRate).toBe(0);
    });

    it("a project where every request failed", async () => {
      const actual = await fx.callers.errorsOnly.kpi.feedback({ range: { from: START, to: END } });
      expectMatches(actual, expected(fx.errorEvents, [], START, END, {}, "UTC", "day"));
      expect(actual.engagedUsers).toEqual({ count: 0, share: 0 });
    });
  });
}
