import type { FeedbackRow } from "../db/dialect/types.js";
import type { RollupFeedbackHourlyTable } from "../db/tables.js";

const HOUR = 3_600_000;
/** Score bins of kpi.feedback's histogram: width 0.1 over 0–1. */
export const SCORE_BINS = 10;

/** Score bin 0…9 of width 0.1; a score of exactly 1 belongs to the last bin. Rounding guards 0.3 × 10 = 2.9999… */
export function scoreBin(score: number): number {
  return Math.min(SCORE_BINS - 1, Math.max(0, Math.floor(Math.round(score * SCORE_BINS * 1e9) / 1e9)));
}

export type FeedbackHourlyDelta = RollupFeedbackHourlyTable;

/** Newly stored feedback summed per (project, hour, score bin, sentiment), in key order (upserts lock rows in one order). */
export function buildFeedbackDeltas(
  rows: readonly Pick<FeedbackRow, "project_id" | "ts" | "score" | "sentiment">[],
): FeedbackHourlyDelta[] {
  const byKey = new Map<string, FeedbackHourlyDelta>();
  for (const r of rows) {
    const hour = Math.floor(r.ts / HOUR) * HOUR;
    const bin = scoreBin(r.score);
    const k = `${r.project_id}\u0000${hour}\u0000${bin}\u0000${r.sentiment}`;
    const d = byKey.get(k);
    if (d) {
      d.feedback += 1;
      d.score_sum += r.score;
    } else byKey.set(k, { project_id: r.project_id, hour, bin, sentiment: r.sentiment, feedback: 1, score_sum: r.score });
  }
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.values()].sort(
    (a, b) => cmp(a.project_id, b.project_id) || a.hour - b.hour || a.bin - b.bin || cmp(a.sentiment, b.sentiment),
  );
}
