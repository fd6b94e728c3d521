import { LlmEvent } from "@promptmeter/schema";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedbackRow } from "../src/db/dialect/types.js";
import { backfillFeedbackHourly } from "../src/db/migrations/2026-11-27c-rollup-feedback.js";
import { backfillFeedbackByModel } from "../src/db/migrations/2026-11-27d-feedback-by-model.js";
import { toEventRow } from "../src/ingest/event-row.js";
import { features } from "../src/queries/features.js";
import { feedbackByModel } from "../src/queries/feedback-by-model.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";

const H = 3_600_000;
const START = Date.parse("2026-11-20T00:00:00.000Z");
const SENTIMENTS = ["positive", "neutral", "negative"] as const;
/** Scores on and between bin edges, stars and thumbs values, and arbitrary ones. */
const SCORES = [0, 0.1, 0.25, 0.3, 0.5, 0.6999999, 0.7, 0.75, 0.9, 0.99, 1, 0.123456, 0.2000001];

/** Deterministic pseudo-random integers (LCG). */
function seeded(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
}

const rand = seeded(42);
const rows: FeedbackRow[] = Array.from({ length: 600 }, (_, i) => ({
  project_id: i % 5 === 0 ? "p_other" : "p_main",
  id: `fb_${i}`,
  event_id: `ev_${i}`,
  session_id: null,
  user_id: `u_${rand(20)}`,
  ts: START + rand(6 * H),
  score: SCORES[rand(SCORES.length)]!,
  thumbs: null,
  stars: null,
  sentiment: SENTIMENTS[rand(3)]!,
  comment: null,
}));

/** The rollup recounted from the stored feedback, binned by the histogram's definition (k/10 ≤ score < (k+1)/10, 1 in the last bin). */
async function recount(t: TestStore) {
  const stored = await t.store.db.selectFrom("feedback").select(["project_id", "ts", "score", "sentiment"]).execute();
  const sums = new Map<string, { n: number; s: number }>();
  for (const f of stored) {
    const bin = Array.from({ length: 10 }, (_, k) => k).find((k) => f.score >= k / 10 && (f.score < (k + 1) / 10 || k === 9))!;
    const key = `${f.project_id}|${Math.floor(Number(f.ts) / H) * H}|${bin}|${f.sentiment}`;
    const v = sums.get(key) ?? { n: 0, s: 0 };
    v.n += 1;
    v.s += Number(f.score);
    sums.set(key, v);
  }
  return sums;
}

async function mismatches(t: TestStore): Promise<string[]> {
  const expected = await recount(t);
  const actual = await t.store.db.selectFrom("rollup_feedback_hourly").selectAll().execute();
  const out: string[] = [];
  for (const r of actual) {
    const key = `${r.project_id}|${Number(r.hour)}|${Number(r.bin)}|${r.sentiment}`;
    const e = expected.get(key);
    if (!e || e.n !== Number(r.feedback) || Math.abs(e.s - Number(r.score_sum)) > 1e-9 * Math.max(1, e.s)) {
      out.push(`${key}: rollup ${r.feedback}/${r.score_sum}, recount ${e?.n}/${e?.s}`);
    }
    expected.delete(key);
  }
  for (const key of expected.keys()) out.push(`${key}: missing from the rollup`);
  return out;
}

const MODELS = ["gpt-4o", "claude-sonnet", "gemini-pro"];
/** Features of the rated events, one in four without any. */
const FEATURES = ["chat", "search", "summarize", undefined];
/** The events rows[i] rate (ev_i): every third one has no event at all. */
const rated = rows.filter((_, i) => i % 3 !== 2);
function eventBatch(projectId: string, of: readonly FeedbackRow[]) {
  const mine = of.filter((f) => f.project_id === projectId);
  return {
    projectId,
    payloads: [],
    rows: mine.map((f, i) => {
      const e = LlmEvent.parse({
        provider: "openai",
        model: MODELS[i % 3],
        feature: FEATURES[i % 4],
        status: "success",
        latencyMs: 100,
        usage: { inputTokens: 1 },
      });
      return toEventRow(projectId, f.event_id!, f.ts - 1000, e, { costUsd: null, costSource: "unpriced" as never });
    }),
  };
}

/** The rated-feedback sources (rollup + unrated feedback joined now) against every feedback row joined to its event, per project, hour, model and feature. */
async function byModelMismatches(t: TestStore): Promise<string[]> {
  const db = t.store.db;
  const joined = await db
    .selectFrom("feedback")
    .innerJoin("events", (j) => j.onRef("events.project_id", "=", "feedback.project_id").onRef("events.id", "=", "feedback.event_id"))
    .select(["feedback.project_id", "feedback.id", "feedback.ts", "feedback.score", "events.model", "events.feature"])
    .execute();
  const expected = new Map<string, { n: number; s: number }>();
  const add = (m: Map<string, { n: number; s: number }>, key: string, n: number, s: number) => {
    const v = m.get(key) ?? { n: 0, s: 0 };
    v.n += n;
    v.s += s;
    m.set(key, v);
  };
  for (const r of joined)
    add(expected, `${r.project_id}|${Math.floor(Number(r.ts) / H) * H}|${r.model}|${r.feature ?? ""}`, 1, Number(r.score));
  const actual = new Map<string, { n: number; s: number }>();
  for (const r of await db.selectFrom("rollup_feedback_model_hourly").selectAll().execute()) {
    add(actual, `${r.project_id}|${Number(r.hour)}|${r.model}|${r.feature}`, Number(r.feedback), Number(r.score_sum));
  }
  const unrated = await db
    .selectFrom("feedback_unrated as u")
    .innerJoin("feedback", (j) => j.onRef("feedback.project_id", "=", "u.project_id").onRef("feedback.id", "=", "u.id"))
    .innerJoin("events", (j) => j.onRef("events.project_id", "=", "feedback.project_id").onRef("events.id", "=", "feedback.event_id"))
    .select(["feedback.project_id", "feedback.ts", "feedback.score", "events.model", "events.feature"])
    .execute();
  for (const r of unrated)
    add(actual, `${r.project_id}|${Math.floor(Number(r.ts) / H) * H}|${r.model}|${r.feature ?? ""}`, 1, Number(r.score));
  const out: string[] = [];
  for (const [key, e] of expected) {
    const a = actual.get(key);
    if (!a || a.n !== e.n || Math.abs(a.s - e.s) > 1e-9 * Math.max(1, e.s)) out.push(`${key}: sources ${a?.n}/${a?.s}, join ${e.n}/${e.s}`);
    actual.delete(key);
  }
  for (const key of actual.keys()) out.push(`${key}: not in the join`);
  return out;
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`feedback rollup on ${dialect}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(dialect);
    });
    afterAll(async () => t?.cleanup());

    it("equals a recount after overlapping, duplicate and concurrent writes", async () => {
      // Half the rated events are stored before their feedback, the rest after (and concurrently with) it.
      const early = rated.filter((_, i) => i % 2 === 0);
      for (const p of ["p_main", "p_other"]) await t.store.writeEvents(eventBatch(p, early));
      const first = await t.store.writeFeedback(rows.slice(0, 250));
      expect(first.inserted).toBe(250);
      // A batch repeating an id with another score: the first copy is stored and counted, the second ignored.
      const repeated = [rows[400]!, { ...rows[400]!, score: 0.05, sentiment: "negative" as const }, rows[401]!];
      const results = await Promise.all([
        t.store.writeFeedback(rows.slice(100, 350)),
        t.store.writeFeedback(rows.slice(200, 450).reverse()),
        t.store.writeFeedback(rows.slice(300, 600)),
        t.store.writeFeedback(repeated),
        t.store.writeFeedback(rows.slice(0, 250)),
        ...["p_main", "p_other"].map((p) =>
          t.store.writeEvents(
            eventBatch(
              p,
              rated.filter((_, i) => i % 2 === 1),
            ),
          ),
        ),
      ]);
      expect(first.inserted + results.slice(0, 5).reduce((n, r) => n + r.inserted, 0)).toBe(rows.length);
      const stored = await t.store.db.selectFrom("feedback").select("id").execute();
      expect(stored).toHaveLength(rows.length);
      expect(await mismatches(t)).toEqual([]);
      const total = await t.store.db
        .selectFrom("rollup_feedback_hourly")
        .select((eb) => eb.fn.sum<number>("feedback").as("n"))
        .executeTakeFirst();
      expect(Number(total?.n)).toBe(rows.length);
      const unrated = await t.store.db.selectFrom("feedback_unrated").select("id").execute();
      expect(unrated.length).toBeGreaterThan(0);
      expect(await byModelMismatches(t)).toEqual([]);
    });

    it("byModel over unaligned edges equals the plain join, feedback that came before its event included", async () => {
      const from = START + 17 * 60_000;
      const to = START + 5 * H + 41 * 60_000;
      const scope = { projectId: "p_main", interval: { from, to }, bucket: "hour" as const, timezone: "UTC", filters: {}, memo: new Map() };
      const eventModel = new Map(
        (await t.store.db.selectFrom("events").select(["id", "model"]).where("project_id", "=", "p_main").execute()).map((e) => [
          e.id,
          e.model,
        ]),
      );
      const scores = new Map<string, number[]>();
      for (const f of rows) {
        const model = f.event_id === null ? undefined : eventModel.get(f.event_id);
        if (f.project_id !== "p_main" || f.ts < from || f.ts >= to || model === undefined) continue;
        scores.set(model, [...(scores.get(model) ?? []), f.score]);
      }
      const actual = await feedbackByModel(t.store, scope);
      expect(actual.map((r) => [r.model, r.count]).sort()).toEqual([...scores].map(([m, xs]) => [m, xs.length]).sort());
      for (const r of actual) {
        const xs = scores.get(r.model)!;
        expect(r.avgScore).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 9);
      }

      // kpi.features' feedback per rated event's feature reads the same sources.
      const eventFeature = new Map(
        (await t.store.db.selectFrom("events").select(["id", "feature"]).where("project_id", "=", "p_main").execute()).map((e) => [
          e.id,
          e.feature,
        ]),
      );
      const perFeature = new Map<string | null, number[]>();
      for (const f of rows) {
        if (f.project_id !== "p_main" || f.ts < from || f.ts >= to || f.event_id === null || !eventFeature.has(f.event_id)) continue;
        const feature = eventFeature.get(f.event_id) ?? null;
        perFeature.set(feature, [...(perFeature.get(feature) ?? []), f.score]);
      }
      const all = [...perFeature.values()].flat();
      const out = await features(t.store, scope, { compare: true, by: "feature" });
      expect(out.overall.feedbackCount).toBe(all.length);
      expect(out.overall.avgScore).toBeCloseTo(all.reduce((a, b) => a + b, 0) / all.length, 9);
      expect(out.rows.length).toBeGreaterThan(1);
      for (const r of out.rows) {
        const xs = perFeature.get(r.name) ?? [];
        expect([r.name, r.feedbackCount]).toEqual([r.name, xs.length]);
        if (xs.length > 0) expect(r.avgScore).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 9);
      }
    });

    it("the migration's backfill rebuilds the same rollup from the stored feedback", async () => {
      const before = await mismatches(t);
      await t.store.db.deleteFrom("rollup_feedback_hourly").execute();
      expect((await mismatches(t)).length).toBeGreaterThan(0);
      await backfillFeedbackHourly(t.store.db as unknown as Kysely<any>);
      expect(before).toEqual([]);
      expect(await mismatches(t)).toEqual([]);
    });

    it("the by-model backfill rebuilds sources that agree with the join", async () => {
      await t.store.db.deleteFrom("rollup_feedback_model_hourly").execute();
      await t.store.db.deleteFrom("feedback_unrated").execute();
      expect((await byModelMismatches(t)).length).toBeGreaterThan(0);
      await backfillFeedbackByModel(t.store.db as unknown as Kysely<any>);
      expect(await byModelMismatches(t)).toEqual([]);
    });
  });
}
