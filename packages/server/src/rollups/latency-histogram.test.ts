import { describe, expect, it } from "vitest";
import { seededRandom } from "../seed/random.js";
import { addToHistogram, bucketOf, bucketValue, type Histogram, histogramPercentile, mergeHistogramText } from "./latency-histogram.js";

describe("latency histogram", () => {
  it("puts values below 1 ms in bucket 0 and bucket b ≥ 1 over [1.03^(b−1), 1.03^b)", () => {
    expect([0, 0.2, 0.999].map(bucketOf)).toEqual([0, 0, 0]);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(1.0299)).toBe(1);
    expect(bucketOf(1.0301)).toBe(2);
    // 1.03^100 ≈ 19.2186: just below and above it.
    expect(bucketOf(19.2)).toBe(100);
    expect(bucketOf(19.22)).toBe(101);
    expect(bucketOf(Number.NaN)).toBe(0);
  });

  it("stands for every value of a bucket within 1.5 %", () => {
    const random = seededRandom(3);
    for (let i = 0; i < 2000; i++) {
      const ms = 1 + random() * 120_000;
      expect(Math.abs(bucketValue(bucketOf(ms)) - ms) / ms).toBeLessThan(0.015);
    }
  });

  it("answers nearest-rank percentiles within 1.5 % of the exact ones", () => {
    const random = seededRandom(9);
    const values = Array.from({ length: 997 }, () => Math.exp(4 + random() * 6));
    const hist: Histogram = {};
    for (const v of values) addToHistogram(hist, v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [1, 25, 50, 90, 95, 99, 99.9, 100]) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
      expect(Math.abs(histogramPercentile(hist, p)! - exact) / exact, `p${p}`).toBeLessThan(0.015);
    }
    expect(histogramPercentile({}, 50)).toBeNull();
    expect(histogramPercentile({ "7": 0 }, 50)).toBeNull();
  });

  it("merges stored histograms by summing bucket counts", () => {
    expect(JSON.parse(mergeHistogramText('{"1":2,"5":1}', '{"5":3,"9":1}'))).toEqual({ "1": 2, "5": 4, "9": 1 });
    expect(mergeHistogramText(null, '{"2":1}')).toBe('{"2":1}');
    expect(mergeHistogramText('{"2":1}', "{}")).toBe('{"2":1}');
    expect(mergeHistogramText(null, null)).toBe("{}");
  });
});
