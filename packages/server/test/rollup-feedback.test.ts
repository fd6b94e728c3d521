import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedbackRow } from "../src/db/dialect/types.js";
import { backfillFeedbackHourly } from "../src/db/migrations/2026-11-27c-rollup-feedback.js";
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

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`feedback rollup on ${dialect}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(dialect);
    });
    afterAll(async () => t?.cleanup());

    it("equals a recount after overlapping, duplicate and concurrent writes", async () => {
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
      ]);
      expect(first.inserted + results.reduce((n, r) => n + r.inserted, 0)).toBe(rows.length);
      const stored = await t.store.db.selectFrom("feedback").select("id").execute();
      expect(stored).toHaveLength(rows.length);
      expect(await mismatches(t)).toEqual([]);
      const total = await t.store.db
        .selectFrom("rollup_feedback_hourly")
        .select((eb) => eb.fn.sum<number>("feedback").as("n"))
        .executeTakeFirst();
      expect(Number(total?.n)).toBe(rows.length);
    });

    it("the migration's backfill rebuilds the same rollup from the stored feedback", async () => {
      const before = await mismatches(t);
      await t.store.db.deleteFrom("rollup_feedback_hourly").execute();
      expect((await mismatches(t)).length).toBeGreaterThan(0);
      await backfillFeedbackHourly(t.store.db as unknown as Kysely<any>);
      expect(before).toEqual([]);
      expect(await mismatches(t)).toEqual([]);
    });
  });
}
