import type { FeedbackComment, FeedbackFigures, FeedbackOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { gapFill } from "../time/index.js";
import { aggregate, totalOf } from "./aggregate.js";
import { eventConditions } from "./event-filters.js";
import { feedbackInScope } from "./feedback-scope.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";
import { slotBucketer, slotGrain, slotOf } from "./time-slots.js";
import { uniqueUsers } from "./unique-users.js";

const TOP = 10;
const BINS = 10;

/** Score bin 0…9 of width 0.1; a score of exactly 1 belongs to the last bin. Rounding guards 0.3 × 10 = 2.9999… */
function binOf(score: number): number {
  return Math.min(BINS - 1, Math.max(0, Math.floor(Math.round(score * BINS * 1e9) / 1e9)));
}

function mean(sum: number, count: number): number | null {
  return count === 0 ? null : sum / count;
}

/** Count, sentiment and score distribution in one pass: feedback has few distinct (score, sentiment) pairs. */
async function scoreGroups(store: Store, scope: Scope) {
  const rows = await feedbackInScope(store, scope)
    .select(["feedback.score", "feedback.sentiment", sql<number>`count(*)`.as("n")])
    .groupBy(["feedback.score", "feedback.sentiment"])
    .execute();
  return rows.map((r) => ({ score: Number(r.score), sentiment: r.sentiment, n: Number(r.n) }));
}

async function figures(store: Store, scope: Scope, groups?: Awaited<ReturnType<typeof scoreGroups>>): Promise<FeedbackFigures> {
  const [g, agg] = await Promise.all([groups ?? scoreGroups(store, scope), aggregate(store, scope)]);
  let count = 0;
  let sum = 0;
  for (const r of g) {
    count += r.n;
    sum += r.score * r.n;
  }
  return { count, feedbackRate: ratio(count, totalOf(agg.rows).requests), avgScore: mean(sum, count) };
}

/** kpi.feedback: volume, rate, score distribution and sentiment, per-model scores, who gives feedback, and recent comments. */
export async function feedback(store: Store, scope: Scope, compare: boolean): Promise<FeedbackOutput> {
  const grain = slotGrain(scope);
  const { from, to } = scope.interval;
  const [groups, slots, byModel, engaged, activeUsers, topGivers, comments, previous] = await Promise.all([
    scoreGroups(store, scope),
    feedbackInScope(store, scope)
      .select([slotOf("feedback.ts", grain).as("slot"), sql<number>`count(*)`.as("n"), sql<number>`sum(feedback.score)`.as("sum")])
      .groupBy(slotOf("feedback.ts", grain))
      .execute(),
    feedbackInScope(store, scope)
      .innerJoin("events as rated", (join) => join.onRef("rated.id", "=", "feedback.event_id").on("rated.project_id", "=", scope.projectId))
      .select(["rated.model", sql<number>`count(*)`.as("n"), sql<number>`avg(feedback.score)`.as("avg")])
      .groupBy("rated.model")
      .execute(),
    feedbackInScope(store, scope)
      .where("feedback.user_id", "is not", null)
      .select((eb) => [
        eb.fn.count<number>("feedback.user_id").distinct().as("givers"),
        // Givers who were also active (under the same filters) in the range: the numerator of the share.
        eb.fn
          .count<number>(
            eb
              .case()
              .when(
                eb.exists(
                  eb
                    .selectFrom("events")
                    .select("events.seq")
                    .whereRef("events.user_id", "=", "feedback.user_id")
                    .where((e) => eventConditions(e, scope.projectId, from, to, scope.filters)),
                ),
              )
              .then(eb.ref("feedback.user_id"))
              .end(),
          )
          .distinct()
          .as("active_givers"),
      ])
      .executeTakeFirst(),
    uniqueUsers(store, scope),
    feedbackInScope(store, scope)
      .where("feedback.user_id", "is not", null)
      .select(["feedback.user_id", sql<number>`count(*)`.as("n"), sql<number>`avg(feedback.score)`.as("avg")])
      .groupBy("feedback.user_id")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("feedback.user_id")
      .limit(TOP)
      .execute(),
    feedbackInScope(store, scope)
      .where("feedback.comment", "is not", null)
      .where("feedback.comment", "<>", "")
      .select(["feedback.ts", "feedback.score", "feedback.sentiment", "feedback.comment", "feedback.event_id", "feedback.user_id"])
      .orderBy("feedback.ts", "desc")
      .orderBy("feedback.seq", "desc")
      .limit(TOP)
      .execute(),
    compare ? figures(store, previousScope(scope)) : null,
  ]);

  const current = await figures(store, scope, groups);
  const histogram = Array.from({ length: BINS }, (_, i) => ({ from: i / BINS, to: (i + 1) / BINS, count: 0 }));
  const sentiment = { positive: 0, neutral: 0, negative: 0 };
  for (const g of groups) {
    histogram[binOf(g.score)]!.count += g.n;
    sentiment[g.sentiment] += g.n;
  }

  const bucketOf = slotBucketer(grain, scope.bucket, scope.timezone);
  const perBucket = new Map<number, { count: number; sum: number }>();
  for (const s of slots) {
    const t = bucketOf(Number(s.slot));
    const b = perBucket.get(t) ?? { count: 0, sum: 0 };
    b.count += Number(s.n);
    b.sum += Number(s.sum);
    perBucket.set(t, b);
  }
  const values = new Map([...perBucket].map(([t, b]) => [t, { count: b.count, avgScore: mean(b.sum, b.count) }]));
  const series = gapFill(from, to, scope.bucket, scope.timezone, values, () => ({ count: 0, avgScore: null as number | null }));

  return {
    ...current,
    series,
    histogram,
    sentiment,
    byModel: byModel
      .map((r) => ({ model: r.model, count: Number(r.n), avgScore: r.avg === null ? null : Number(r.avg) }))
      .sort((a, b) => b.count - a.count || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0)),
    engagedUsers: {
      count: Number(engaged?.givers ?? 0),
      share: ratio(Number(engaged?.active_givers ?? 0), activeUsers),
    },
    topGivers: topGivers.map((r) => ({ userId: r.user_id as string, count: Number(r.n), avgScore: r.avg === null ? null : Number(r.avg) })),
    recentComments: comments.map(
      (r): FeedbackComment => ({
        ts: new Date(Number(r.ts)).toISOString(),
        score: Number(r.score),
        sentiment: r.sentiment,
        comment: r.comment as string,
        eventId: r.event_id,
        userId: r.user_id,
      }),
    ),
    previous,
  };
}
