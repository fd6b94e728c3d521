import type { FeedbackComment, FeedbackFigures, FeedbackOutput } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { SCORE_BINS } from "../rollups/feedback-deltas.js";
import { gapFill } from "../time/index.js";
import { aggregate, totalOf } from "./aggregate.js";
import { eventConditions } from "./event-filters.js";
import { feedbackByModel } from "./feedback-by-model.js";
import { feedbackInScope } from "./feedback-scope.js";
import { feedbackScoreGroups, feedbackSlotSums, type ScoreGroup } from "./feedback-sums.js";
import { previousScope, type Scope, unfiltered } from "./scope.js";
import { ratio } from "./summaries.js";
import { slotBucketer, slotGrain } from "./time-slots.js";
import { uniqueUsers } from "./unique-users.js";

const TOP = 10;

function mean(sum: number, count: number): number | null {
  return count === 0 ? null : sum / count;
}

async function figures(store: Store, scope: Scope, groups?: readonly ScoreGroup[]): Promise<FeedbackFigures> {
  const [g, agg] = await Promise.all([groups ?? feedbackScoreGroups(store, scope), aggregate(store, scope)]);
  let count = 0;
  let sum = 0;
  for (const r of g) {
    count += r.count;
    sum += r.scoreSum;
  }
  return { count, feedbackRate: ratio(count, totalOf(agg.rows).requests), avgScore: mean(sum, count) };
}

interface Givers {
  /** Distinct feedback givers. */
  count: number;
  /** Givers also active (under the same filters) in the range: the numerator of the share. */
  active: number;
  top: { userId: string; count: number; avgScore: number | null }[];
}

/**
 * Unfiltered: one pass over the range's feedback grouped by giver, each giver's activity read
 * from their first and last request (rollup_users; see countActiveUsers), probing the events
 * only for spans covering the whole range.
 */
async function giversUnfiltered(store: Store, scope: Scope): Promise<Givers> {
  const { from, to } = scope.interval;
  const rows = await store.db
    .with("g", () =>
      feedbackInScope(store, scope)
        .where("feedback.user_id", "is not", null)
        .select((eb) => ["feedback.user_id", eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("feedback.score").as("s")])
        .groupBy("feedback.user_id"),
    )
    .selectFrom("g")
    .leftJoin("rollup_users as u", (join) => join.onRef("u.user_id", "=", "g.user_id").on("u.project_id", "=", scope.projectId))
    .select((eb) => [
      "g.user_id",
      "g.n",
      "g.s",
      eb
        .case()
        .when(
          eb.and([
            eb("u.first_ts", "<", to),
            eb("u.last_ts", ">=", from),
            eb.or([
              eb("u.first_ts", ">=", from),
              eb("u.last_ts", "<", to),
              eb.exists(
                eb
                  .selectFrom("events")
                  .select("events.seq")
                  .where("events.project_id", "=", scope.projectId)
                  .whereRef("events.user_id", "=", "u.user_id")
                  .where("events.ts", ">=", from)
                  .where("events.ts", "<", to),
              ),
            ]),
          ]),
        )
        .then(1)
        .else(0)
        .end()
        .as("active"),
    ])
    .execute();
  let active = 0;
  const all = rows.map((r) => {
    active += Number(r.active);
    return { userId: r.user_id as string, count: Number(r.n), avgScore: mean(Number(r.s), Number(r.n)) };
  });
  all.sort((a, b) => b.count - a.count || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  return { count: all.length, active, top: all.slice(0, TOP) };
}

/** With event filters: givers of feedback on matching events, active when they made a matching request in the range. */
async function giversFiltered(store: Store, scope: Scope): Promise<Givers> {
  const { from, to } = scope.interval;
  const [engaged, top] = await Promise.all([
    feedbackInScope(store, scope)
      .where("feedback.user_id", "is not", null)
      .select((eb) => [
        eb.fn.count<number>("feedback.user_id").distinct().as("givers"),
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
    feedbackInScope(store, scope)
      .where("feedback.user_id", "is not", null)
      .select(["feedback.user_id", sql<number>`count(*)`.as("n"), sql<number>`avg(feedback.score)`.as("avg")])
      .groupBy("feedback.user_id")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("feedback.user_id")
      .limit(TOP)
      .execute(),
  ]);
  return {
    count: Number(engaged?.givers ?? 0),
    active: Number(engaged?.active_givers ?? 0),
    top: top.map((r) => ({ userId: r.user_id as string, count: Number(r.n), avgScore: r.avg === null ? null : Number(r.avg) })),
  };
}

/** kpi.feedback: volume, rate, score distribution and sentiment, per-model scores, who gives feedback, and recent comments. */
export async function feedback(store: Store, scope: Scope, compare: boolean): Promise<FeedbackOutput> {
  const grain = slotGrain(scope);
  const { from, to } = scope.interval;
  const [groups, slots, byModel, givers, activeUsers, comments, previous] = await Promise.all([
    feedbackScoreGroups(store, scope),
    feedbackSlotSums(store, scope, grain),
    feedbackByModel(store, scope),
    !unfiltered(scope.filters) ? giversFiltered(store, scope) : giversUnfiltered(store, scope),
    uniqueUsers(store, scope),
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
  const histogram = Array.from({ length: SCORE_BINS }, (_, i) => ({ from: i / SCORE_BINS, to: (i + 1) / SCORE_BINS, count: 0 }));
  const sentiment = { positive: 0, neutral: 0, negative: 0 };
  for (const g of groups) {
    histogram[g.bin]!.count += g.count;
    sentiment[g.sentiment] += g.count;
  }

  const bucketOf = slotBucketer(grain, scope.bucket, scope.timezone);
  const perBucket = new Map<number, { count: number; sum: number }>();
  for (const s of slots) {
    const t = bucketOf(s.slot);
    const b = perBucket.get(t) ?? { count: 0, sum: 0 };
    b.count += s.count;
    b.sum += s.scoreSum;
    perBucket.set(t, b);
  }
  const values = new Map([...perBucket].map(([t, b]) => [t, { count: b.count, avgScore: mean(b.sum, b.count) }]));
  const series = gapFill(from, to, scope.bucket, scope.timezone, values, () => ({ count: 0, avgScore: null as number | null }));

  return {
    ...current,
    series,
    histogram,
    sentiment,
    byModel,
    engagedUsers: { count: givers.count, share: ratio(givers.active, activeUsers) },
    topGivers: givers.top,
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
