import { describe, expect, it } from "vitest";
import { isThroughputEmpty, MAX_BARS, prepareThroughput, type ThroughputData } from "./prepare.js";

function answer(overrides: Partial<ThroughputData> = {}): ThroughputData {
  return {
    requests: 50,
    success: 45,
    error: 5,
    meanPerMinute: 50 / 120,
    peakPerMinute: 4,
    peakMinute: "2026-11-22T00:17:00.000Z",
    series: [
      { t: "2026-11-22T00:00:00.000Z", requests: 30, success: 28, error: 2 },
      { t: "2026-11-22T01:00:00.000Z", requests: 20, success: 17, error: 3 },
    ],
    previous: { requests: 40, success: 40, error: 0, meanPerMinute: 1 / 3, peakPerMinute: 2, peakMinute: "2026-11-21T22:05:00.000Z" },
    ...overrides,
  };
}

describe("prepareThroughput", () => {
  it("keeps volume, its previous value, the error share and the per-minute rates", () => {
    const view = prepareThroughput(answer());
    expect(view).toMatchObject({
      requests: 50,
      previousRequests: 40,
      comparison: "ok",
      errors: 5,
      errorShare: 0.1,
      peakPerMinute: 4,
      peakMinute: "2026-11-22T00:17:00.000Z",
      variant: "bar",
    });
    expect(view.series).toEqual([
      { t: "2026-11-22T00:00:00.000Z", success: 28, error: 2 },
      { t: "2026-11-22T01:00:00.000Z", success: 17, error: 3 },
    ]);
  });

  it("does not compare with an empty previous period", () => {
    const previous = { requests: 0, success: 0, error: 0, meanPerMinute: 0, peakPerMinute: 0, peakMinute: null };
    expect(prepareThroughput(answer({ previous }))).toMatchObject({ comparison: "no-data", previousRequests: undefined });
    expect(prepareThroughput(answer({ previous: null })).comparison).toBe("off");
  });

  it("draws areas once bars would be too thin, and is empty without requests", () => {
    const many = Array.from({ length: MAX_BARS + 1 }, (_, i) => ({
      t: new Date(Date.UTC(2026, 10, 1, i)).toISOString(),
      requests: 0,
      success: 0,
      error: 0,
    }));
    expect(prepareThroughput(answer({ series: many })).variant).toBe("area");
    expect(isThroughputEmpty(answer({ requests: 0 }))).toBe(true);
    expect(prepareThroughput(answer({ requests: 0, error: 0 })).errorShare).toBeNull();
  });
});
