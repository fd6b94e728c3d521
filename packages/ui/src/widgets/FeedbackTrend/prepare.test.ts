import { describe, expect, it } from "vitest";
import { isFeedbackTrendEmpty, prepareFeedbackTrend } from "./prepare.js";

const data = {
  count: 5,
  feedbackRate: 0.05,
  avgScore: 0.6,
  series: [
    { t: "2026-11-22T00:00:00.000Z", count: 3, avgScore: 0.5 },
    { t: "2026-11-22T01:00:00.000Z", count: 0, avgScore: null },
    { t: "2026-11-22T02:00:00.000Z", count: 2, avgScore: 0.75 },
  ],
  histogram: [],
  sentiment: { positive: 3, neutral: 0, negative: 2 },
  byModel: [],
  engagedUsers: { count: 1, share: 1 },
  topGivers: [],
  recentComments: [],
  previous: { count: 4, feedbackRate: 0.04, avgScore: 0.5 },
};

describe("prepareFeedbackTrend", () => {
  it("gives volume per bucket, and score per bucket with a gap where nobody rated", () => {
    const view = prepareFeedbackTrend(data);
    expect(view.volume.map((p) => p.count)).toEqual([3, 0, 2]);
    expect(view.score.map((p) => p.avgScore)).toEqual([0.5, null, 0.75]);
    expect(view.stepMs).toBe(3_600_000);
    expect(view.bucketName).toBe("hour");
    expect(view.previous).toEqual({ count: 4, feedbackRate: 0.04, avgScore: 0.5 });
  });

  it("is empty without feedback", () => {
    expect(isFeedbackTrendEmpty({ ...data, count: 0 })).toBe(true);
    expect(isFeedbackTrendEmpty(data)).toBe(false);
  });
});
