import { describe, expect, it } from "vitest";
import type { ThroughputData } from "../Throughput/prepare.js";
import { isSuccessRateEmpty, prepareSuccessRate, rateOf, successDomain } from "./prepare.js";

function answer(overrides: Partial<ThroughputData> = {}): ThroughputData {
  return {
    requests: 60,
    success: 54,
    error: 6,
    meanPerMinute: 0.5,
    peakPerMinute: 3,
    peakMinute: "2026-11-22T00:10:00.000Z",
    series: [
      { t: "2026-11-22T00:00:00.000Z", requests: 40, success: 38, error: 2 },
      { t: "2026-11-22T01:00:00.000Z", requests: 0, success: 0, error: 0 },
      { t: "2026-11-22T02:00:00.000Z", requests: 20, success: 16, error: 4 },
    ],
    previous: { requests: 50, success: 49, error: 1, meanPerMinute: 0.4, peakPerMinute: 2, peakMinute: null },
    ...overrides,
  };
}

describe("prepareSuccessRate", () => {
  it("computes the rate per bucket, with a gap where there was no request", () => {
    const view = prepareSuccessRate(answer());
    expect(view.series).toEqual([
      { t: "2026-11-22T00:00:00.000Z", successRate: 0.95, requests: 40 },
      { t: "2026-11-22T01:00:00.000Z", successRate: null, requests: 0 },
      { t: "2026-11-22T02:00:00.000Z", successRate: 0.8, requests: 20 },
    ]);
  });

  it("compares the range's rate with the previous period's", () => {
    expect(prepareSuccessRate(answer())).toMatchObject({ rate: 0.9, previousRate: 0.98, comparison: "ok", failures: 6, requests: 60 });
    const previous = { requests: 0, success: 0, error: 0, meanPerMinute: 0, peakPerMinute: 0, peakMinute: null };
    expect(prepareSuccessRate(answer({ previous }))).toMatchObject({ comparison: "no-data", previousRate: undefined });
    expect(prepareSuccessRate(answer({ previous: null })).comparison).toBe("off");
  });

  it("zooms the axis to the worst bucket", () => {
    // Worst bucket 80 %: 5 % steps, from 80 % down to... 80 % itself, which leaves room below 100 %.
    expect(prepareSuccessRate(answer()).yDomain).toEqual([0.8, 1]);
  });

  it("is empty without requests", () => {
    expect(isSuccessRateEmpty(answer({ requests: 0 }))).toBe(true);
    expect(rateOf(0, 0)).toBeNull();
  });
});

describe("successDomain", () => {
  it("rounds the worst rate down to 5 % steps", () => {
    expect(successDomain([0.973, 0.961, null])).toEqual([0.95, 1]);
    expect(successDomain([0.95])).toEqual([0.95, 1]);
    expect(successDomain([0.42, 0.99])).toEqual([0.4, 1]);
  });

  it("uses 1 % steps when every bucket is above 98 %, and keeps a step of room at 100 %", () => {
    expect(successDomain([0.987, 0.995])).toEqual([0.98, 1]);
    expect(successDomain([1, 1])).toEqual([0.99, 1]);
  });

  it("falls back to the full range without any rate", () => {
    expect(successDomain([null, null])).toEqual([0, 1]);
    expect(successDomain([0.01])).toEqual([0, 1]);
  });
});
