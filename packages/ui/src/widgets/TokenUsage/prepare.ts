import type { RouterOutputs } from "@promptmeter/server";
import type { TimeSeriesSeries } from "../../primitives/TimeSeries.js";

/** What `kpi.tokens` answers. */
export type TokensData = RouterOutputs["kpi"]["tokens"];
type TokenTotals = TokensData["totals"];

/**
 * One bucket split into parts that add up to input + output: cache reads and writes are part of input,
 * reasoning part of output, so stacking the five raw kinds would count them twice.
 */
export interface TokenPoint {
  t: string;
  /** Input tokens neither read from nor written to the provider's cache. */
  freshInput: number;
  cacheRead: number;
  cacheWrite: number;
  /** Output tokens other than reasoning. */
  visibleOutput: number;
  reasoning: number;
  /** Index signature for TimeSeries. */
  [key: string]: unknown;
}

/** The stacked layers, bottom first. */
export const TOKEN_SERIES: readonly TimeSeriesSeries[] = [
  { key: "freshInput", label: "Input", color: "var(--pm-chart-1)" },
  { key: "cacheRead", label: "Cache read", color: "var(--pm-chart-2)" },
  { key: "cacheWrite", label: "Cache write", color: "var(--pm-chart-3)" },
  { key: "visibleOutput", label: "Output", color: "var(--pm-chart-4)" },
  { key: "reasoning", label: "Reasoning", color: "var(--pm-chart-5)" },
];

/** The TokenUsage figures, ready to show. */
export interface TokenViewData {
  /** Input + output tokens. */
  total: number;
  /** The previous period's total; undefined when not compared or it had no requests. */
  previousTotal: number | undefined;
  comparison: "off" | "no-data" | "ok";
  avgInputPerRequest: number | null;
  avgOutputPerRequest: number | null;
  /** cacheRead / input; null without input. */
  cacheReadShare: number | null;
  series: TokenPoint[];
  /** Stacked bars while each bar stays wide enough to read, stacked areas beyond. */
  variant: "bar" | "area";
}

/** Above this many buckets, bars get too thin to read: draw stacked areas. */
export const MAX_BARS = 90;

/** Nothing to show: no request at all in the range. */
export function isTokensEmpty(data: TokensData): boolean {
  return data.requests === 0;
}

/** Input + output: cache and reasoning tokens are parts of them. */
export function totalTokens(totals: TokenTotals): number {
  return totals.input + totals.output;
}

/** A bucket's five kinds as disjoint parts (never negative, even if a provider over-reports a part). */
export function splitTokens(point: TokenTotals & { t: string }): TokenPoint {
  const cacheRead = Math.min(point.cacheRead, point.input);
  const cacheWrite = Math.min(point.cacheWrite, point.input - cacheRead);
  const reasoning = Math.min(point.reasoning, point.output);
  return {
    t: point.t,
    freshInput: point.input - cacheRead - cacheWrite,
    cacheRead,
    cacheWrite,
    visibleOutput: point.output - reasoning,
    reasoning,
  };
}

/** `kpi.tokens` → the widget's figures and stacked series. */
export function prepareTokens(data: TokensData): TokenViewData {
  const previous = data.previous;
  const comparison = previous === null ? "off" : previous.requests === 0 ? "no-data" : "ok";
  return {
    total: totalTokens(data.totals),
    previousTotal: comparison === "ok" && previous ? totalTokens(previous.totals) : undefined,
    comparison,
    avgInputPerRequest: data.avgInputPerRequest,
    avgOutputPerRequest: data.avgOutputPerRequest,
    cacheReadShare: data.cacheReadShare,
    series: data.series.map(splitTokens),
    variant: data.series.length <= MAX_BARS ? "bar" : "area",
  };
}
