import type { RouterOutputs } from "@promptmeter/server";
import type { TimeSeriesSeries } from "../../primitives/TimeSeries.js";

/** What `kpi.throughput` answers. */
export type ThroughputData = RouterOutputs["kpi"]["throughput"];

/** One bucket's requests by outcome. */
export interface ThroughputPoint {
  t: string;
  success: number;
  error: number;
  /** Index signature for TimeSeries. */
  [key: string]: unknown;
}

/** The Throughput figures, ready to show. */
export interface ThroughputViewData {
  requests: number;
  /** Requests of the previous period; undefined when not compared or it had none. */
  previousRequests: number | undefined;
  comparison: "off" | "no-data" | "ok";
  /** error / requests; null without requests. */
  errorShare: number | null;
  errors: number;
  meanPerMinute: number;
  peakPerMinute: number;
  /** Start of the busiest minute; null without traffic. */
  peakMinute: string | null;
  series: ThroughputPoint[];
  /** Stacked bars while each bar stays wide enough to read, stacked areas beyond. */
  variant: "bar" | "area";
}

/** Successes at the bottom, failures on top. */
export const THROUGHPUT_SERIES: readonly TimeSeriesSeries[] = [
  { key: "success", label: "Success", color: "var(--pm-chart-1)" },
  { key: "error", label: "Error", color: "var(--pm-bad)" },
];

/** Above this many buckets, bars get too thin to read: draw stacked areas. */
export const MAX_BARS = 90;

/** Nothing to show: no request at all in the range. */
export function isThroughputEmpty(data: ThroughputData): boolean {
  return data.requests === 0;
}

/** `kpi.throughput` → request volume with its change, per-minute rates and the stacked series. */
export function prepareThroughput(data: ThroughputData): ThroughputViewData {
  const previous = data.previous;
  const comparison = previous === null ? "off" : previous.requests === 0 ? "no-data" : "ok";
  return {
    requests: data.requests,
    previousRequests: comparison === "ok" ? previous?.requests : undefined,
    comparison,
    errors: data.error,
    errorShare: data.requests > 0 ? data.error / data.requests : null,
    meanPerMinute: data.meanPerMinute,
    peakPerMinute: data.peakPerMinute,
    peakMinute: data.peakMinute,
    series: data.series.map((point) => ({ t: point.t, success: point.success, error: point.error })),
    variant: data.series.length <= MAX_BARS ? "bar" : "area",
  };
}
