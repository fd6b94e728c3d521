import { type Histogram, histogramPercentile } from "../rollups/latency-histogram.js";

/** numerator / denominator, or null when the denominator is zero. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Mean (exact, from sums) and nearest-rank percentiles (from the histogram). */
export function latencySummary(sum: number, count: number, hist: Histogram) {
  return {
    mean: count === 0 ? null : sum / count,
    p50: histogramPercentile(hist, 50),
    p95: histogramPercentile(hist, 95),
    p99: histogramPercentile(hist, 99),
  };
}
