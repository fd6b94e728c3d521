import { describe, expect, it } from "vitest";
import { isLatencyEmpty, type LatencyData, prepareLatency } from "./prepare.js";

const none = { mean: null, p50: null, p95: null, p99: null };

function answer(overrides: Partial<LatencyData> = {}): LatencyData {
  return {
    mean: 800,
    p50: 600,
    p95: 2000,
    p99: 3500,
    count: 40,
    ttft: { mean: 300, p50: 250, p95: 700, p99: 900, count: 12 },
    series: [
      { t: "2026-11-22T00:00:00.000Z", mean: 700, p50: 500, p95: 1900, p99: 3000, count: 30 },
      { t: "2026-11-22T01:00:00.000Z", ...none, count: 0 },
      { t: "2026-11-22T02:00:00.000Z", mean: 1000, p50: 900, p95: 2100, p99: 3500, count: 10 },
    ],
    histogram: [],
    previous: { mean: 900, p50: 650, p95: 2500, p99: 3400, count: 35, ttft: { ...none, count: 0 } },
    percentiles: "histogram",
    ...overrides,
  };
}

describe("prepareLatency", () => {
  it("pairs each percentile with its previous value", () => {
    expect(prepareLatency(answer()).figures).toEqual([
      { key: "p50", label: "p50", value: 600, previous: 650 },
      { key: "p95", label: "p95", value: 2000, previous: 2500 },
      { key: "p99", label: "p99", value: 3500, previous: 3400 },
    ]);
  });

  it("keeps buckets without requests as nulls (gaps), never 0 ms", () => {
    expect(prepareLatency(answer()).series[1]).toEqual({ t: "2026-11-22T01:00:00.000Z", p50: null, p95: null, p99: null });
  });

  it("has TTFT figures only when streamed requests reported one", () => {
    expect(prepareLatency(answer()).ttft).toEqual({ p50: 250, p95: 700, p99: 900, count: 12 });
    expect(prepareLatency(answer({ ttft: { ...none, count: 0 } })).ttft).toBeNull();
  });

  it("does not compare with a previous period without eligible requests, nor when compare is off", () => {
    const empty = prepareLatency(answer({ previous: { ...none, count: 0, ttft: { ...none, count: 0 } } }));
    expect(empty.comparison).toBe("no-data");
    expect(empty.figures.map((f) => f.previous)).toEqual([undefined, undefined, undefined]);
    expect(prepareLatency(answer({ previous: null })).comparison).toBe("off");
  });

  it("is empty without eligible requests", () => {
    expect(isLatencyEmpty(answer({ count: 0 }))).toBe(true);
    expect(isLatencyEmpty(answer())).toBe(false);
  });
});
