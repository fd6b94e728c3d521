import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, type OracleFeedback, START } from "./fixture.js";
import { div, inRange, latencyEligible, matches, nearestRank, relErr, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;

const RANGES = [
  { name: "30 days", from: START, to: END },
  { name: "3 unaligned days", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000 },
  { name: "90 minutes", from: END - 26 * H + 25_000, to: END - 24.5 * H },
  { name: "across the US DST change", from: Date.UTC(2026, 2, 6, 5), to: Date.UTC(2026, 2, 11, 4) },
];

let worstPercentileError = 0;
let percentilesCompared = 0;

const codePoint = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** The names an event counts under: its feature, or each distinct tag (null when it has none). */
function namesOf(e: OracleEvent, by: "feature" | "tag"): (string | null)[] {
  if (by === "feature") return [e.feature];
  const tags = [...new Set(e.tags)];
  return tags.length > 0 ? tags : [null];
}

/** Feedback given in [from, to) on an event (of any time) that matches the filters. */
function feedbackOnEvents(fx: KpiFixture, from: number, to: number, f: Filters): { fb: OracleFeedback; event: OracleEvent }[] {
  const byId = new Map(fx.events.map((e) => [e.id, e]));
  const out: { fb: OracleFeedback; event: OracleEvent }[] = [];
  for (const fb of fx.feedback) {
    const event = fb.eventId === null ? undefined : byId.get(fb.eventId);
    if (inRange(fb.ts, from, to) && event && matches(event, f)) out.push({ fb, event });
  }
  return out;
}

function summary(events: readonly OracleEvent[], scores: readonly number[]) {
  let costUsd = 0;
  for (const e of events) if (e.costUsd !== null) costUsd += e.costUsd;
  return {
    requests: events.length,
    errorRate: div(events.filter((e) => e.status === "error").length, events.length),
    feedbackCount: scores.length,
    avgScore: div(
      scores.reduce((s, x) => s + x, 0),
      scores.length,
    ),
    costUsd,
  };
}

function expected(fx: KpiFixture, events: readonly OracleEvent[], from: number, to: number, f: Filters, by: "feature" | "tag") {
  const sel = select(events, from, to, f);
  const feedback = events === fx.events ? feedbackOnEvents(fx, from, to, f) : [];
  const overall = summary(
    sel,
    feedback.map((x) => x.fb.score),
  );
  const names = new Set(sel.flatMap((e) => namesOf(e, by)));
  const rows = [...names].map((name) => {
    const group = sel.filter((e) => namesOf(e, by).includes(name));
    const scores = feedback.filter((x) => namesOf(x.event, by).includes(name)).map((x) => x.fb.score);
    const s = summary(group, scores);
    const reasons: string[] = [];
    if (s.errorRate !== null && overall.errorRate !== null && s.errorRate > 2 * overall.errorRate) reasons.push("errorRate");
    if (s.avgScore !== null && overall.avgScore !== null && s.avgScore < overall.avgScore - 0.15) reasons.push("avgScore");
    return {
      name,
      ...s,
      share: div(group.length, sel.length),
      unpricedRequests: group.filter((e) => e.costUsd === null).length,
      p95: nearestRank(
        latencyEligible(group, f).map((e) => e.latencyMs),
        95,
      ),
      difficulty: reasons.length > 0,
      difficultyReasons: reasons,
    };
  });
  rows.sort((a, b) => b.requests - a.requests || codePoint(a.name, b.name));
  return { overall, rows };
}

type Features = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["features"]>>;

function expectSummary(actual: Features["overall"], exp: ReturnType<typeof summary>) {
  expect(actual.requests).toBe(exp.requests);
  expect(actual.feedbackCount).toBe(exp.feedbackCount);
  expect(relErr(actual.errorRate, exp.errorRate)).toBeLessThan(1e-12);
  expect(relErr(actual.avgScore, exp.avgScore)).toBeLessThan(1e-9);
  expect(relErr(actual.costUsd, exp.costUsd)).toBeLessThan(1e-9);
}

function expectFeatures(actual: Features, exp: ReturnType<typeof expected>, by: "feature" | "tag") {
  expect(actual.by).toBe(by);
  expect(actual.percentiles).toBe(by === "tag" ? "exact" : "histogram");
  expectSummary(actual.overall, exp.overall);
  expect(actual.rows.map((r) => r.name)).toEqual(exp.rows.map((r) => r.name));
  exp.rows.forEach((e, i) => {
    const a = actual.rows[i]!;
    expectSummary(a, e);
    expect(a).toMatchObject({ unpricedRequests: e.unpricedRequests, difficulty: e.difficulty, difficultyReasons: e.difficultyReasons });
    expect(relErr(a.share, e.share)).toBeLessThan(1e-12);
    if (by === "tag") expect(a.p95).toBe(e.p95);
    else {
      const err = relErr(a.p95, e.p95);
      worstPercentileError = Math.max(worstPercentileError, err);
      percentilesCompared += 1;
      expect(err).toBeLessThanOrEqual(0.02);
    }
  });
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.features on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      worstPercentileError = 0;
      percentilesCompared = 0;
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => {
      console.info(
        `[kpi.features ${dialect}] worst p95 relative error vs exact: ${(worstPercentileError * 100).toFixed(3)} % over ${percentilesCompared} percentiles`,
      );
      await fx?.cleanup();
    });

    for (const by of ["feature", "tag"] as const) {
      for (const range of RANGES) {
        for (const { name, filters } of FILTER_CASES) {
          it(`by ${by}, ${range.name}, ${name}`, async () => {
            const { from, to } = range;
            const actual = await fx.caller.kpi.features({ range: { from, to }, filters, by });
            expectFeatures(actual, expected(fx, fx.events, from, to, filters, by), by);
            expect(actual.previous).toBeNull();
          });
        }
      }
    }

    it("defaults to grouping by feature", async () => {
      const actual = await fx.caller.kpi.features({ range: { from: START, to: END } });
      expectFeatures(actual, expected(fx, fx.events, START, END, {}, "feature"), "feature");
    });

    it("flags where users struggle: code-assistant on release 1.5.0", async () => {
      const actual = await fx.caller.kpi.features({ range: { from: START, to: END }, filters: { release: "1.5.0" } });
      const row = actual.rows.find((r) => r.name === "code-assistant")!;
      expect(row.difficulty).toBe(true);
      expect(row.difficultyReasons.length).toBeGreaterThan(0);
    });

    it("compare returns the previous period's baseline", async () => {
      const from = END - 7 * D;
      for (const by of ["feature", "tag"] as const) {
        const actual = await fx.caller.kpi.features({ range: { from, to: END }, compare: true, by });
        expectSummary(actual.previous!, expected(fx, fx.events, from - 7 * D, from, {}, by).overall);
      }
    });

    it("an empty range has no rows and a null baseline", async () => {
      const actual = await fx.caller.kpi.features({ range: { from: START - 10 * H, to: START - 5 * H } });
      expect(actual.rows).toEqual([]);
      expect(actual.overall).toEqual({ requests: 0, errorRate: null, feedbackCount: 0, avgScore: null, costUsd: 0 });
    });

    it("a project with a single event", async () => {
      for (const by of ["feature", "tag"] as const) {
        const actual = await fx.callers.single.kpi.features({ range: { from: START, to: END }, by });
        expectFeatures(actual, expected(fx, fx.singleEvents, START, END, {}, by), by);
        expect(actual.rows[0]!.share).toBe(1);
      }
    });

    it("a project where every request failed: no row is worse than the baseline", async () => {
      for (const by of ["feature", "tag"] as const) {
        const actual = await fx.callers.errorsOnly.kpi.features({ range: { from: START, to: END }, by });
        expectFeatures(actual, expected(fx, fx.errorEvents, START, END, {}, by), by);
        expect(actual.rows).toEqual([expect.objectContaining({ name: null, requests: 5, errorRate: 1, difficulty: false, p95: null })]);
      }
    });
  });
}
