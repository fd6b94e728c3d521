import type { Store } from "../db/dialect/types.js";
import type { FeedbackTable } from "../db/tables.js";
import { scoreBin } from "../rollups/feedback-deltas.js";
import type { Interval } from "../time/index.js";
import { feedbackInScope } from "./feedback-scope.js";
import { type Scope, unfiltered } from "./scope.js";
import { slotOf } from "./time-slots.js";

const HOUR = 3_600_000;

/** Feedback of one score bin and sentiment. */
export interface ScoreGroup {
  bin: number;
  sentiment: FeedbackTable["sentiment"];
  count: number;
  scoreSum: number;
}

/** Feedback of one time slot (`ts / grain`). */
export interface SlotSums {
  slot: number;
  count: number;
  scoreSum: number;
}

/**
 * Whole UTC hours the feedback rollup answers, and the partial hours at the edges read from
 * raw feedback; everything raw when an event filter applies (the rollup has no event attributes)
 * or slots finer than an hour are wanted.
 */
export function planFeedback(scope: Scope, grain: number): { hours: Interval | null; raw: Interval[] } {
  const all = { hours: null, raw: [scope.interval] };
  const { from, to } = scope.interval;
  if (!unfiltered(scope.filters) || grain % HOUR !== 0) return all;
  const a = Math.ceil(from / HOUR) * HOUR;
  const b = Math.floor(to / HOUR) * HOUR;
  if (a >= b) return all;
  const raw: Interval[] = [];
  if (from < a) raw.push({ from, to: a });
  if (b < to) raw.push({ from: b, to });
  return { hours: { from: a, to: b }, raw };
}

function rollupIn(store: Store, scope: Scope, { from, to }: Interval) {
  return store.db
    .selectFrom("rollup_feedback_hourly as r")
    .where("r.project_id", "=", scope.projectId)
    .where("r.hour", ">=", from)
    .where("r.hour", "<", to);
}

/** Feedback count and score sum per score bin and sentiment: the count, mean, histogram and sentiment split. */
export async function feedbackScoreGroups(store: Store, scope: Scope): Promise<ScoreGroup[]> {
  const plan = planFeedback(scope, HOUR);
  const groups = new Map<string, ScoreGroup>();
  const add = (bin: number, sentiment: ScoreGroup["sentiment"], count: number, scoreSum: number) => {
    const k = `${bin}|${sentiment}`;
    const g = groups.get(k) ?? { bin, sentiment, count: 0, scoreSum: 0 };
    g.count += count;
    g.scoreSum += scoreSum;
    groups.set(k, g);
  };
  const [hours, ...edges] = await Promise.all([
    plan.hours
      ? rollupIn(store, scope, plan.hours)
          .select((eb) => ["r.bin", "r.sentiment", eb.fn.sum<number>("r.feedback").as("n"), eb.fn.sum<number>("r.score_sum").as("s")])
          .groupBy(["r.bin", "r.sentiment"])
          .execute()
      : [],
    // Raw feedback has few distinct scores: group by score, bin in JS exactly as ingest does.
    ...plan.raw.map((interval) =>
      feedbackInScope(store, { ...scope, interval })
        .select((eb) => [
          "feedback.score",
          "feedback.sentiment",
          eb.fn.countAll<number>().as("n"),
          eb.fn.sum<number>("feedback.score").as("s"),
        ])
        .groupBy(["feedback.score", "feedback.sentiment"])
        .execute(),
    ),
  ]);
  for (const r of hours) add(Number(r.bin), r.sentiment, Number(r.n), Number(r.s));
  for (const rows of edges) for (const r of rows) add(scoreBin(Number(r.score)), r.sentiment, Number(r.n), Number(r.s));
  return [...groups.values()];
}

/** Feedback count and score sum per slot of `grain` ms (an hour or a divisor of one, see time-slots). */
export async function feedbackSlotSums(store: Store, scope: Scope, grain: number): Promise<SlotSums[]> {
  const plan = planFeedback(scope, grain);
  const [hours, ...edges] = await Promise.all([
    plan.hours
      ? rollupIn(store, scope, plan.hours)
          .select((eb) => ["r.hour", eb.fn.sum<number>("r.feedback").as("n"), eb.fn.sum<number>("r.score_sum").as("s")])
          .groupBy("r.hour")
          .execute()
      : [],
    ...plan.raw.map((interval) =>
      feedbackInScope(store, { ...scope, interval })
        .select((eb) => [
          slotOf("feedback.ts", grain).as("slot"),
          eb.fn.countAll<number>().as("n"),
          eb.fn.sum<number>("feedback.score").as("s"),
        ])
        .groupBy(slotOf("feedback.ts", grain))
        .execute(),
    ),
  ]);
  const out: SlotSums[] = hours.map((r) => ({ slot: Number(r.hour) / grain, count: Number(r.n), scoreSum: Number(r.s) }));
  for (const rows of edges) for (const r of rows) out.push({ slot: Number(r.slot), count: Number(r.n), scoreSum: Number(r.s) });
  return out;
}
