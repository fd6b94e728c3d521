/** One bucket of a gap-filled series as the KPI procedures return it: `{ t: ISO, ...values }`. */
export type SeriesPoint = { t: string } & Record<string, unknown>;

/** A numeric value of a point, 0 when absent or not a finite number (gap-filled series use 0 for no traffic). */
export function pointValue(point: SeriesPoint, key: string): number {
  const value = point[key];
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** Whether a point has a finite number under `key`; a null (e.g. a latency bucket without requests) is a gap, not a 0. */
export function hasValue(point: SeriesPoint, key: string): boolean {
  const value = point[key];
  return typeof value === "number" && Number.isFinite(value);
}

/** The bucket size: the smallest step between consecutive points (DST days are 23 h or 25 h, so not the first one). */
export function inferStepMs(points: readonly SeriesPoint[]): number {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < points.length; i++) {
    const diff = Date.parse(points[i]!.t) - Date.parse(points[i - 1]!.t);
    if (diff > 0 && diff < step) step = diff;
  }
  return Number.isFinite(step) ? step : 86_400_000;
}

/**
 * Indices where the series is not gap-filled: point `i` comes more than 1.5 steps after point `i − 1`
 * (or not after it at all). An empty array means every bucket is present.
 */
export function findGaps(points: readonly SeriesPoint[], stepMs = inferStepMs(points)): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const diff = Date.parse(points[i]!.t) - Date.parse(points[i - 1]!.t);
    if (!(diff > 0) || diff > stepMs * 1.5) gaps.push(i);
  }
  return gaps;
}

/** Whether every value of every key is 0: the "empty" state of a series widget. */
export function isAllZero(points: readonly SeriesPoint[], keys: readonly string[]): boolean {
  return points.every((point) => keys.every((key) => pointValue(point, key) === 0));
}

/** Rounds a maximum up to 1, 2, 2.5 or 5 × 10ⁿ so that the axis ends on a readable tick. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const normalized = value / magnitude;
  const step = [1, 2, 2.5, 5, 10].find((candidate) => normalized <= candidate + 1e-9) ?? 10;
  return step * magnitude;
}

/** The y domain `[0, max]` over the keys, summed per point when stacked; `[0, 1]` for an all-zero series. */
export function valueDomain(points: readonly SeriesPoint[], keys: readonly string[], stacked: boolean): [number, number] {
  let max = 0;
  for (const point of points) {
    if (stacked) {
      max = Math.max(
        max,
        keys.reduce((sum, key) => sum + Math.max(0, pointValue(point, key)), 0),
      );
    } else {
      for (const key of keys) max = Math.max(max, pointValue(point, key));
    }
  }
  return [0, niceCeil(max)];
}

/** Cumulative `[y0, y1]` per key and point, in key order, for stacked areas and bars. */
export function stackPoints(points: readonly SeriesPoint[], keys: readonly string[]): Array<Record<string, [number, number]>> {
  return points.map((point) => {
    let base = 0;
    const row: Record<string, [number, number]> = {};
    for (const key of keys) {
      const top = base + Math.max(0, pointValue(point, key));
      row[key] = [base, top];
      base = top;
    }
    return row;
  });
}

/** About `maxTicks` evenly spaced indices of `count` points, always including the first. */
export function tickIndices(count: number, maxTicks: number): number[] {
  if (count <= 0) return [];
  const every = Math.max(1, Math.ceil(count / Math.max(1, maxTicks)));
  const ticks: number[] = [];
  for (let i = 0; i < count; i += every) ticks.push(i);
  return ticks;
}

/** The point index under an x offset, for points centred in equal bands of `band` pixels. */
export function indexAt(x: number, band: number, count: number): number {
  if (count === 0 || band <= 0) return 0;
  return Math.min(count - 1, Math.max(0, Math.floor(x / band)));
}
