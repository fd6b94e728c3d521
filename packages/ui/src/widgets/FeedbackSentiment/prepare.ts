import type { RouterOutputs } from "@promptmeter/server";
import type { SplitSegment } from "../../primitives/split-bar.js";

type FeedbackOutput = RouterOutputs["kpi"]["feedback"];
type Sentiment = FeedbackOutput["recentComments"][number]["sentiment"];

/** Sentiment in display order, with its name and colour (good, neutral grey, bad). */
export const SENTIMENTS: ReadonlyArray<{ key: Sentiment; label: string; color: string }> = [
  { key: "positive", label: "Positive", color: "var(--pm-good)" },
  { key: "neutral", label: "Neutral", color: "var(--pm-muted-foreground)" },
  { key: "negative", label: "Negative", color: "var(--pm-bad)" },
];

/** One recent comment ready to render. */
export interface CommentView {
  /** Stable key (time + user + position). */
  key: string;
  text: string;
  sentiment: Sentiment;
  sentimentLabel: string;
  color: string;
  /** Normalized 0–1. */
  score: number;
  userId: string | null;
  eventId: string | null;
  ts: string;
}

export interface FeedbackSentimentViewData {
  /** Feedback given in the range. */
  count: number;
  /** Mean normalized score 0–1. */
  avgScore: number | null;
  /** Feedback per request. */
  feedbackRate: number | null;
  /** Previous period's figures, when `compare` was asked. */
  previous: FeedbackOutput["previous"];
  /** Positive / neutral / negative parts. */
  split: SplitSegment[];
  /** The newest comments, newest first. */
  comments: CommentView[];
}

/** No feedback was given in the range. */
export function isFeedbackEmpty(data: FeedbackOutput): boolean {
  return data.count === 0;
}

/** The sentiment split, headline figures and the `commentCount` newest comments of `kpi.feedback`. */
export function prepareFeedbackSentiment(data: FeedbackOutput, commentCount = 3): FeedbackSentimentViewData {
  const meta = new Map(SENTIMENTS.map((s) => [s.key, s]));
  return {
    count: data.count,
    avgScore: data.avgScore,
    feedbackRate: data.feedbackRate,
    previous: data.previous,
    split: SENTIMENTS.map((s) => ({ key: s.key, label: s.label, color: s.color, value: data.sentiment[s.key] })),
    comments: [...data.recentComments]
      .sort((a, b) => Date.parse(b.ts) - Date.parse(a.ts))
      .slice(0, Math.max(0, commentCount))
      .map((c, i) => ({
        key: `${c.ts}|${c.userId ?? ""}|${i}`,
        text: c.comment,
        sentiment: c.sentiment,
        sentimentLabel: meta.get(c.sentiment)?.label ?? c.sentiment,
        color: meta.get(c.sentiment)?.color ?? "var(--pm-muted-foreground)",
        score: c.score,
        userId: c.userId,
        eventId: c.eventId,
        ts: c.ts,
      })),
  };
}
