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

/** Counts indexed by bucket, for summing many stored histograms without an object per row. */
export type DenseHistogram = { counts: Float64Array };

export function denseHistogram(): DenseHistogram {
  return { counts: new Float64Array(1024) };
}

/** Adds `n` to bucket `b`, growing the array when needed. */
export function addToDense(d: DenseHistogram, b: number, n = 1): void {
  if (b >= d.counts.length) {
    const grown = new Float64Array(Math.max(b + 1, d.counts.length * 2));
    grown.set(d.counts);
    d.counts = grown;
  }
  d.counts[b]! += n;
}

// Scratch space for one parsed text; applied only once the whole text has parsed cleanly.
const scratchKeys: number[] = [];
const scratchCounts: number[] = [];

/**
 * Adds a stored histogram (JSON text `{"12":3,"40":1}`, or PostgreSQL's `{"12": 3, "40": 1}`) into
 * a dense one. Reads the digits directly: a month of rollup rows is thousands of texts, and
 * JSON.parse plus an object merge per text was most of a latency query's time. Anything but
 * non-negative integer keys and counts goes through JSON.parse instead.
 */
export function addHistogramText(d: DenseHistogram, text: string | null | undefined): void {
  if (!text) return;
  if (!parseDigits(text)) {
    for (const [k, n] of Object.entries(JSON.parse(text) as Histogram)) addToDense(d, Number(k), n);
    return;
  }
  for (let j = 0; j < scratchKeys.length; j++) addToDense(d, scratchKeys[j]!, scratchCounts[j]!);
}

/** Fills the scratch arrays from `{"k": n, …}`; false on anything else. */
function parseDigits(text: string): boolean {
  scratchKeys.length = 0;
  scratchCounts.length = 0;
  const len = text.length;
  let i = 0;
  while (i < len && text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 123) return false;
  i++;
  for (;;) {
    while (i < len && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 44)) i++;
    if (i >= len) return false;
    if (text.charCodeAt(i) === 125) return true;
    if (text.charCodeAt(i) !== 34) return false;
    i++;
    let key = 0;
    let digits = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
      key = key * 10 + (c - 48);
      digits++;
    }
    if (digits === 0 || digits > 9 || text.charCodeAt(i) !== 34) return false;
    i++;
    while (i < len && text.charCodeAt(i) === 32) i++;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    while (i < len && text.charCodeAt(i) === 32) i++;
    let count = 0;
    digits = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
      count = count * 10 + (c - 48);
      digits++;
    }
    if (digits === 0 || digits > 15) return false;
    const next = text.charCodeAt(i);
    if (next !== 44 && next !== 125 && next !== 32) return false;
    scratchKeys.push(key);
    scratchCounts.push(count);
  }
}

/** Writes a dense histogram's non-empty buckets into a stored-form one. */
export function addDenseTo(into: Histogram, d: DenseHistogram): void {
  const counts = d.counts;
  for (let b = 0; b < counts.length; b++) {
    const n = counts[b]!;
    if (n !== 0) into[b] = (into[b] ?? 0) + n;
  }
}
