import { describe, expect, it } from "vitest";
import { isFeedbackEmpty, prepareFeedbackSentiment } from "./prepare.js";

const comment = (ts: string, sentiment: "positive" | "neutral" | "negative", text: string) => ({
  ts,
  score: sentiment === "positive" ? 1 : sentiment === "neutral" ? 0.5 : 0,
  sentiment,
  comment: text,
  eventId: null,
  userId: "u1",
});

const data = {
  count: 10,
  feedbackRate: 0.1,
  avgScore: 0.65,
  series: [],
  histogram: [],
  sentiment: { positive: 6, neutral: 1, negative: 3 },
  byModel: [],
  engagedUsers: { count: 2, share: 0.5 },
  topGivers: [],
  recentComments: [
    comment("2026-11-22T10:00:00.000Z", "positive", "Great"),
    comment("2026-11-22T12:00:00.000Z", "negative", "Wrong answer"),
    comment("2026-11-21T09:00:00.000Z", "neutral", "Okay"),
  ],
  previous: null,
};

describe("prepareFeedbackSentiment", () => {
  it("orders the split positive, neutral, negative with the good / grey / bad colours", () => {
    const view = prepareFeedbackSentiment(data);
    expect(view.split.map((s) => [s.key, s.value, s.color])).toEqual([
      ["positive", 6, "var(--pm-good)"],
      ["neutral", 1, "var(--pm-muted-foreground)"],
      ["negative", 3, "var(--pm-bad)"],
    ]);
    expect([view.count, view.avgScore, view.feedbackRate]).toEqual([10, 0.65, 0.1]);
  });

  it("keeps the newest comments first, as many as asked", () => {
    expect(prepareFeedbackSentiment(data, 2).comments.map((c) => c.text)).toEqual(["Wrong answer", "Great"]);
    expect(prepareFeedbackSentiment(data, 0).comments).toEqual([]);
    expect(prepareFeedbackSentiment(data, 10).comments.map((c) => c.sentimentLabel)).toEqual(["Negative", "Positive", "Neutral"]);
  });

  it("is empty without feedback", () => {
    expect(isFeedbackEmpty({ ...data, count: 0 })).toBe(true);
    expect(isFeedbackEmpty(data)).toBe(false);
  });
});
