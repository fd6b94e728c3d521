import { bucketValue, type Histogram } from "../rollups/latency-histogram.js";

/** Round bin edges per decade, densest last; the densest that fits MAX_BINS is used. */
const LADDERS: readonly (readonly number[])[] = [
  [1],
  [1, 2, 5],
  [1, 1.5, 2, 3, 5, 7],
  [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8],
  [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2, 2.2, 2.5, 2.8, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9],
];
const MAX_BINS = 30;

export interface LatencyBin {
  fromMs: number;
  toMs: number;
  count: number;
}

/** Every edge of a ladder from 10^lowDecade up to 10^(highDecade + 1), rounded to readable numbers. */
function ladderEdges(ladder: readonly number[], lowDecade: number, highDecade: number): number[] {
  const edges: number[] = [];
  for (let k = lowDecade; k <= highDecade; k++) for (const m of ladder) edges.push(Number((m * 10 ** k).toPrecision(12)));
  edges.push(Number((10 ** (highDecade + 1)).toPrecision(12)));
  return edges;
}

/** The slice of `edges` whose bins cover [lowest, highest]. */
function span(edges: number[], lowest: number, highest: number): number[] {
  let i0 = 0;
  while (i0 + 1 < edges.length && edges[i0 + 1]! <= lowest) i0++;
  let i1 = i0 + 1;
  while (i1 < edges.length - 1 && edges[i1]! <= highest) i1++;
  return edges.slice(i0, i1 + 1);
}

/**
 * Coarsens the fine 3 % log-bucket histogram into contiguous log-scale bins with round edges
 * (…, 100, 125, 150, 200 … ms), the densest ladder that keeps to 30 bins. Each fine bucket goes
 * whole to the bin holding its midpoint; values below 1 ms form a first bin from 0.
 */
export function latencyBins(hist: Histogram): LatencyBin[] {
  const fine = Object.entries(hist)
    .map(([k, n]) => ({ bucket: Number(k), n }))
    .filter((b) => b.n > 0);
  if (fine.length === 0) return [];
  const subMs = fine.filter((b) => b.bucket <= 0).reduce((s, b) => s + b.n, 0);
  const mids = fine.filter((b) => b.bucket > 0).map((b) => ({ mid: bucketValue(b.bucket), n: b.n }));
  const bins: LatencyBin[] = subMs > 0 ? [{ fromMs: 0, toMs: 1, count: subMs }] : [];
  if (mids.length === 0) return bins;
  const lowest = subMs > 0 ? 1 : Math.min(...mids.map((m) => m.mid));
  const highest = Math.max(...mids.map((m) => m.mid));
  // One decade of slack below: log10 may round a value just under a power of ten up to it.
  const lowDecade = Math.floor(Math.log10(lowest)) - 1;
  const highDecade = Math.floor(Math.log10(highest)) + 1;
  let edges: number[] = [];
  for (const ladder of LADDERS) {
    const candidate = span(ladderEdges(ladder, lowDecade, highDecade), lowest, highest);
    if (edges.length === 0 || candidate.length - 1 <= MAX_BINS) edges = candidate;
  }
  const start = bins.length;
  for (let i = 0; i + 1 < edges.length; i++) bins.push({ fromMs: edges[i]!, toMs: edges[i + 1]!, count: 0 });
  for (const { mid, n } of mids) {
    let i = start;
    while (i + 1 < bins.length && mid >= bins[i]!.toMs) i++;
    bins[i]!.count += n;
  }
  return bins;
}
