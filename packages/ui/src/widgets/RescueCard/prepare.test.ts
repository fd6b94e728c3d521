import { describe, expect, it } from "vitest";
import { isRescueEmpty, prepareRescue, type RescueData } from "./prepare.js";

const figures = {
  requests: 200,
  retriedRequests: 12,
  fallbackRequests: 3,
  retryRate: 0.06,
  fallbackRate: 0.015,
  rescueAttempts: 14,
  rescued: 10,
  rescueRate: 10 / 14,
};
const data: RescueData = {
  ...figures,
  series: [
    { ...figures, t: "2026-11-20T00:00:00.000Z", requests: 120, rescueAttempts: 9, rescued: 8 },
    { ...figures, t: "2026-11-21T00:00:00.000Z", requests: 80, rescueAttempts: 5, rescued: 2 },
    { ...figures, t: "2026-11-22T00:00:00.000Z", requests: 0, rescueAttempts: 0, rescued: 0, rescueRate: null },
  ],
  previous: { ...figures, rescueRate: 0.5 },
};

describe("prepareRescue", () => {
  it("splits each bucket's attempts into rescued and not rescued", () => {
    expect(prepareRescue(data).series).toEqual([
      { t: "2026-11-20T00:00:00.000Z", rescued: 8, notRescued: 1 },
      { t: "2026-11-21T00:00:00.000Z", rescued: 2, notRescued: 3 },
      { t: "2026-11-22T00:00:00.000Z", rescued: 0, notRescued: 0 },
    ]);
  });

  it("keeps the totals, rates and the previous rescue rate", () => {
    const view = prepareRescue(data);
    expect(view.rescueRate).toBeCloseTo(0.7143, 4);
    expect(view.previousRescueRate).toBe(0.5);
    expect(view.noPrevious).toBe(false);
    expect(view.retried).toEqual({ count: 12, rate: 0.06 });
    expect(view.fallback).toEqual({ count: 3, rate: 0.015 });
    expect([view.rescued, view.rescueAttempts]).toEqual([10, 14]);
  });

  it("has no previous rate without compare, and says so when the previous period had nothing to rescue", () => {
    expect(prepareRescue({ ...data, previous: null })).toMatchObject({ previousRescueRate: undefined, noPrevious: false });
    expect(prepareRescue({ ...data, previous: { ...figures, rescueRate: null } })).toMatchObject({
      previousRescueRate: undefined,
      noPrevious: true,
    });
  });

  it("is empty only without requests", () => {
    expect(isRescueEmpty(data)).toBe(false);
    expect(isRescueEmpty({ ...data, requests: 0 })).toBe(true);
  });
});
