import type { ThroughputData } from "../Throughput/prepare.js";

/** One bucket's success rate; null without requests (a gap, not 0 %). */
export interface SuccessRatePoint {
  t: string;
  successRate: number | null;
  requests: number;
  /** Index signature for TimeSeries. */
  [key: string]: unknown;
}

/** The SuccessRate figures, ready to show. */
export interface SuccessRateViewData {
  /** success / requests over the range; null without requests. */
  rate: number | null;
  /** The previous period's rate; undefined when not compared or it had no requests. */
  previousRate: number | undefined;
  comparison: "off" | "no-data" | "ok";
  requests: number;
  failures: number;
  series: SuccessRatePoint[];
  /** The y range: from a round step below the worst bucket up to 100 %, so that dips show. */
  yDomain: [number, number];
}

/** Nothing to show: no request at all in the range. */
export function isSuccessRateEmpty(data: ThroughputData): boolean {
  return data.requests === 0;
}

/** success / requests, or null without requests. */
export function rateOf(success: number, requests: number): number | null {
  return requests > 0 ? success / requests : null;
}

/**
 * The y range of a success-rate chart: the worst rate rounded down to a step of 5 % (or 1 % when every
 * bucket is above 98 %), with at least one step of room, up to 100 %. `[0, 1]` when there is no rate at all.
 */
export function successDomain(rates: ReadonlyArray<number | null>): [number, number] {
  const known = rates.filter((rate): rate is number => rate !== null);
  if (known.length === 0) return [0, 1];
  const worst = Math.min(...known);
  const step = worst > 0.98 ? 0.01 : 0.05;
  // Round in whole percents first so that 0.95 is not taken for 0.9499999.
  const floor = (Math.floor(Math.round(worst * 10_000) / 100 / (step * 100)) * step * 100) / 100;
  const lower = Math.min(floor, 1 - step);
  return [Math.max(0, Number(lower.toFixed(2))), 1];
}

/** `kpi.throughput` → the success rate with its change, the failures, and the rate per bucket. */
export function prepareSuccessRate(data: ThroughputData): SuccessRateViewData {
  const previous = data.previous;
  const comparison = previous === null ? "off" : previous.requests === 0 ? "no-data" : "ok";
  const series = data.series.map((point) => ({ t: point.t, successRate: rateOf(point.success, point.requests), requests: point.requests }));
  return {
    rate: rateOf(data.success, data.requests),
    previousRate: comparison === "ok" && previous ? (rateOf(previous.success, previous.requests) ?? undefined) : undefined,
    comparison,
    requests: data.requests,
    failures: data.error,
    series,
    yDomain: successDomain(series.map((point) => point.successRate)),
  };
}
