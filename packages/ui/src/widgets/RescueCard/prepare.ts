import type { RouterOutputs } from "@promptmeter/server";
import type { TimeSeriesSeries } from "../../primitives/TimeSeries.js";

/** What `kpi.rescue` answers. */
export type RescueData = RouterOutputs["kpi"]["rescue"];

/** One bucket of the rescue chart: attempts that ended in success, and those that failed anyway. */
export interface RescuePoint {
  /** ISO bucket start. */
  t: string;
  /** Retried or fallen-back requests that succeeded. */
  rescued: number;
  /** Retried or fallen-back requests that still failed. */
  notRescued: number;
  /** Index signature for TimeSeries. */
  [key: string]: unknown;
}

/** The RescueCard's figures, ready to show. */
export interface RescueViewData {
  /** rescued / requests that needed a retry or a fallback; null without any. */
  rescueRate: number | null;
  /** The previous period's rescue rate; undefined when not compared or unknown there. */
  previousRescueRate: number | undefined;
  /** Compared, but the previous period had nothing to rescue: no delta to show. */
  noPrevious: boolean;
  rescued: number;
  rescueAttempts: number;
  retried: { count: number; rate: number | null };
  fallback: { count: number; rate: number | null };
  requests: number;
  /** Stacked bars: rescued at the bottom, not rescued above. */
  series: RescuePoint[];
}

/** The two layers of the rescue chart, bottom first. */
export const RESCUE_SERIES: readonly TimeSeriesSeries[] = [
  { key: "rescued", label: "Rescued", color: "var(--pm-chart-2)" },
  { key: "notRescued", label: "Failed after retry or fallback", color: "var(--pm-bad)" },
];

/** Nothing to show: no request at all in the range. */
export function isRescueEmpty(data: RescueData): boolean {
  return data.requests === 0;
}

/** `kpi.rescue` → the card's figures and its stacked series. */
export function prepareRescue(data: RescueData): RescueViewData {
  const previous = data.previous?.rescueRate;
  return {
    rescueRate: data.rescueRate,
    previousRescueRate: previous ?? undefined,
    noPrevious: data.previous !== null && previous === null,
    rescued: data.rescued,
    rescueAttempts: data.rescueAttempts,
    retried: { count: data.retriedRequests, rate: data.retryRate },
    fallback: { count: data.fallbackRequests, rate: data.fallbackRate },
    requests: data.requests,
    series: data.series.map((point) => ({
      t: point.t,
      rescued: point.rescued,
      notRescued: Math.max(0, point.rescueAttempts - point.rescued),
    })),
  };
}
