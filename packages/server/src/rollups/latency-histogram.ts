/**
 * Fixed log-bucket histogram for latencies in milliseconds. Bucket b ≥ 1 covers
 * [GROWTH^(b-1), GROWTH^b); bucket 0 holds values below 1 ms. Reporting a bucket's
 * geometric midpoint is within sqrt(GROWTH) − 1 ≈ 1.5 % of any value in it.
 */
export const GROWTH = 1.03;
const LOG_GROWTH = Math.log(GROWTH);

/** A histogram as stored: bucket index → count. */
export type Histogram = Record<string, number>;

export function bucketOf(ms: number): number {
  if (!(ms >= 1)) return 0;
  return 1 + Math.floor(Math.log(ms) / LOG_GROWTH);
}

/** The value a bucket stands for: its geometric midpoint (0.5 ms for bucket 0). */
export function bucketValue(bucket: number): number {
  if (bucket <= 0) return 0.5;
  return GROWTH ** (bucket - 0.5);
}

export function addToHistogram(hist: Histogram, ms: number, n = 1): void {
  const key = String(bucketOf(ms));
  hist[key] = (hist[key] ?? 0) + n;
}

/** Sums two stored histograms (JSON text); used by the rollup upsert on both dialects. */
export function mergeHistogramText(a: string | null, b: string | null): string {
  if (!a || a === "{}") return b ?? "{}";
  if (!b || b === "{}") return a;
  const out: Histogram = JSON.parse(a);
  const add: Histogram = JSON.parse(b);
  for (const [k, n] of Object.entries(add)) out[k] = (out[k] ?? 0) + n;
  return JSON.stringify(out);
}

/** Nearest-rank percentile (p in 0–100) of a histogram, as the bucket's midpoint. */
export function histogramPercentile(hist: Histogram, p: number): number | null {
  const entries = Object.entries(hist)
    .map(([k, n]) => [Number(k), n] as const)
    .filter(([, n]) => n > 0)
    .sort((x, y) => x[0] - y[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [bucket, n] of entries) {
    seen += n;
    if (seen >= rank) return bucketValue(bucket);
  }
  return null;
}
