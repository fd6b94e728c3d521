import { z } from "zod";
import { Sentiment } from "../feedback.js";
import { KpiQuery } from "../query.js";
import { BucketTime, Rate } from "./common.js";

export const FeedbackKpiInput = KpiQuery;

/** The headline feedback figures of one period. */
export const FeedbackFigures = z.object({
  /** Feedback given in the range (with event filters: only feedback on a matching event). */
  count: z.number(),
  /** count / requests in the range; null without requests. Not capped at 1: one request may be rated twice. */
  feedbackRate: z.number().min(0).nullable(),
  /** Mean normalized score (0–1). */
  avgScore: z.number().nullable(),
});
export type FeedbackFigures = z.infer<typeof FeedbackFigures>;

export const FeedbackScoreBin = z.object({
  /** Bin bounds: [from, to), the last bin [0.9, 1] includes 1. */
  from: z.number(),
  to: z.number(),
  count: z.number(),
});

export const FeedbackComment = z.object({
  ts: z.string(),
  score: z.number(),
  sentiment: Sentiment,
  comment: z.string(),
  eventId: z.string().nullable(),
  userId: z.string().nullable(),
});
export type FeedbackComment = z.infer<typeof FeedbackComment>;

export const FeedbackOutput = FeedbackFigures.extend({
  /** Feedback volume and mean score per bucket of the time it was given. */
  series: z.array(z.object({ t: BucketTime, count: z.number(), avgScore: z.number().nullable() })),
  /** 10 bins of 0.1 over the normalized score. */
  histogram: z.array(FeedbackScoreBin),
  sentiment: z.object({ positive: z.number(), neutral: z.number(), negative: z.number() }),
  /** Mean score per model of the rated event (feedback without a stored event is left out). */
  byModel: z.array(z.object({ model: z.string(), count: z.number(), avgScore: z.number().nullable() })),
  engagedUsers: z.object({
    /** Distinct users who gave feedback in the range. */
    count: z.number(),
    /** Of the users active in the range, the fraction who gave feedback in it. */
    share: Rate,
  }),
  /** The 10 users who gave the most feedback. */
  topGivers: z.array(z.object({ userId: z.string(), count: z.number(), avgScore: z.number().nullable() })),
  /** The 10 most recent non-empty comments, newest first. */
  recentComments: z.array(FeedbackComment),
  /** The previous period of equal length, when `compare` was asked. */
  previous: FeedbackFigures.nullable(),
});
export type FeedbackOutput = z.infer<typeof FeedbackOutput>;
