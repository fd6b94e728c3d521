import type { RouterOutputs } from "@promptmeter/server";
import { bucketName } from "../../primitives/bucket-name.js";
import { inferStepMs } from "../../primitives/series.js";

type FeedbackOutput = RouterOutputs["kpi"]["feedback"];

export interface FeedbackTrendViewData {
  /** Feedback given in the range. */
  count: number;
  /** Mean normalized score 0–1 over the range. */
  avgScore: number | null;
  /** Feedback per request. */
  feedbackRate: number | null;
  /** The previous period's figures, when `compare` was asked. */
  previous: FeedbackOutput["previous"];
  /** Feedback per bucket (0 where none was given). */
  volume: Array<{ t: string; count: number }>;
  /** Mean score per bucket; null where no feedback was given (a gap, not a 0). */
  score: Array<{ t: string; avgScore: number | null }>;
  /** Bucket size in ms. */
  stepMs: number;
  /** "day", "hour"…: what one bucket is, for labels. */
  bucketName: string;
}

/** No feedback was given in the range. */
export function isFeedbackTrendEmpty(data: FeedbackOutput): boolean {
  return data.count === 0;
}

/** Splits `kpi.feedback`'s series into a volume series and a score series that keeps empty buckets as gaps. */
export function prepareFeedbackTrend(data: FeedbackOutput): FeedbackTrendViewData {
  const stepMs = inferStepMs(data.series);
  return {
    count: data.count,
    avgScore: data.avgScore,
    feedbackRate: data.feedbackRate,
    previous: data.previous,
    volume: data.series.map((p) => ({ t: p.t, count: p.count })),
    score: data.series.map((p) => ({ t: p.t, avgScore: p.count > 0 ? p.avgScore : null })),
    stepMs,
    bucketName: bucketName(stepMs),
  };
}
