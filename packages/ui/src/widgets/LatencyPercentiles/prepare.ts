import type { RouterOutputs } from "@promptmeter/server";
import type { TimeSeriesSeries } from "../../primitives/TimeSeries.js";

/** What `kpi.latency` answers. */
export type LatencyData = RouterOutputs["kpi"]["latency"];

/** The three percentiles the widget draws. */
export type PercentileKey = "p50" | "p95" | "p99";

/** One bucket: null where the bucket had no eligible request (a gap in the line, never 0 ms). */
export interface LatencyPoint {
  t: string;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Index signature for TimeSeries. */
  [key: string]: unknown;
}

/** One percentile of the whole range with its previous value. */
export interface PercentileFigure {
  key: PercentileKey;
  label: string;
  /** Milliseconds; null without eligible requests. */
  value: number | null;
  /** Undefined when not compared or the previous period had no eligible request. */
  previous: number | undefined;
}

/** The LatencyPercentiles figures, ready to show. */
export interface LatencyViewData {
  /** Requests the figures cover (successes unless `filters.status`). */
  count: number;
  figures: PercentileFigure[];
  comparison: "off" | "no-data" | "ok";
  /** Time to first token over streamed requests; null when none reported one. */
  ttft: { p50: number | null; p95: number | null; p99: number | null; count: number } | null;
  series: LatencyPoint[];
}

/** The lines, fastest first. */
export const LATENCY_SERIES: readonly TimeSeriesSeries[] = [
  { key: "p50", label: "p50", color: "var(--pm-chart-2)" },
  { key: "p95", label: "p95", color: "var(--pm-chart-1)" },
  { key: "p99", label: "p99", color: "var(--pm-chart-3)" },
];

const KEYS: readonly PercentileKey[] = ["p50", "p95", "p99"];

/** Nothing to show: no eligible request in the range. */
export function isLatencyEmpty(data: LatencyData): boolean {
  return data.count === 0;
}

/** `kpi.latency` → percentile figures with their previous values, TTFT figures and the percentile lines. */
export function prepareLatency(data: LatencyData): LatencyViewData {
  const previous = data.previous;
  const comparison = previous === null ? "off" : previous.count === 0 ? "no-data" : "ok";
  return {
    count: data.count,
    figures: KEYS.map((key) => ({
      key,
      label: key,
      value: data[key],
      previous: comparison === "ok" ? (previous?.[key] ?? undefined) : undefined,
    })),
    comparison,
    ttft: data.ttft.count > 0 ? { p50: data.ttft.p50, p95: data.ttft.p95, p99: data.ttft.p99, count: data.ttft.count } : null,
    series: data.series.map((point) => ({ t: point.t, p50: point.p50, p95: point.p95, p99: point.p99 })),
  };
}
