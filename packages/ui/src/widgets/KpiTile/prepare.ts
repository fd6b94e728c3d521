import type { RouterOutputs } from "@promptmeter/server";
import type { GoodDirection } from "../../primitives/delta.js";
import type { Formatters } from "../../primitives/format.js";

/** What `kpi.overview` answers. */
export type OverviewData = RouterOutputs["kpi"]["overview"];
/** The headline figures of one period (the current one, or `previous`). */
export type OverviewPeriod = Omit<OverviewData, "previous" | "percentiles">;

/** How a metric's value is written. */
export type MetricFormat = "count" | "compact" | "percent" | "currency" | "duration" | "score";

/** One figure of `kpi.overview` a tile can show. */
export interface MetricDefinition {
  /** Short name, the tile's default title. */
  label: string;
  /** What exactly is counted, one line under the title. */
  description: string;
  /** How the value is written. */
  format: MetricFormat;
  /** Which way is good news, for the delta's colour. */
  good: GoodDirection;
  /** The value in one period; null when unknown there (no eligible requests, nothing priced). */
  value: (period: OverviewPeriod) => number | null;
}

const totalTokens = (p: OverviewPeriod) => p.tokens.input + p.tokens.output;

/** Every figure of `kpi.overview` by name: the `metric` prop of KpiTile and the `metrics` of OverviewStrip. */
export const OVERVIEW_METRICS = {
  requests: { label: "Requests", description: "LLM requests in the range", format: "count", good: "none", value: (p) => p.requests },
  successRate: {
    label: "Success rate",
    description: "Requests that succeeded",
    format: "percent",
    good: "up",
    value: (p) => p.successRate,
  },
  errorRate: { label: "Error rate", description: "Requests that failed", format: "percent", good: "down", value: (p) => p.errorRate },
  costUsd: {
    label: "Spend",
    description: "USD over priced requests",
    format: "currency",
    good: "down",
    // Nothing priced is an unknown spend, never $0.
    value: (p) => (p.requests > p.unpricedRequests ? p.costUsd : null),
  },
  latencyMean: {
    label: "Mean latency",
    description: "Mean over successful requests",
    format: "duration",
    good: "down",
    value: (p) => p.latency.mean,
  },
  latencyP50: {
    label: "p50 latency",
    description: "Median of successful requests",
    format: "duration",
    good: "down",
    value: (p) => p.latency.p50,
  },
  latencyP95: {
    label: "p95 latency",
    description: "95th percentile of successful requests",
    format: "duration",
    good: "down",
    value: (p) => p.latency.p95,
  },
  latencyP99: {
    label: "p99 latency",
    description: "99th percentile of successful requests",
    format: "duration",
    good: "down",
    value: (p) => p.latency.p99,
  },
  tokens: { label: "Tokens", description: "Input + output tokens", format: "compact", good: "none", value: totalTokens },
  inputTokens: {
    label: "Input tokens",
    description: "Including cache reads and writes",
    format: "compact",
    good: "none",
    value: (p) => p.tokens.input,
  },
  outputTokens: {
    label: "Output tokens",
    description: "Including reasoning",
    format: "compact",
    good: "none",
    value: (p) => p.tokens.output,
  },
  uniqueUsers: { label: "Users", description: "Distinct user ids", format: "count", good: "up", value: (p) => p.uniqueUsers },
  fallbackRate: {
    label: "Fallback rate",
    description: "Answered by a fallback model",
    format: "percent",
    good: "down",
    value: (p) => p.fallbackRate,
  },
  rescueRate: {
    label: "Rescue rate",
    description: "Retried or fallen-back requests that succeeded",
    format: "percent",
    good: "up",
    value: (p) => p.rescueRate,
  },
  feedbackScore: {
    label: "Feedback score",
    description: "Mean score, 0 (bad) to 1 (good)",
    format: "score",
    good: "up",
    value: (p) => p.feedback.avgScore,
  },
  feedbackCount: {
    label: "Feedback",
    description: "Ratings and comments given",
    format: "count",
    good: "up",
    value: (p) => p.feedback.count,
  },
  unpricedRequests: {
    label: "Unpriced requests",
    description: "Models without a known price",
    format: "count",
    good: "down",
    value: (p) => p.unpricedRequests,
  },
} as const satisfies Record<string, MetricDefinition>;

/** The name of a `kpi.overview` figure. */
export type OverviewMetric = keyof typeof OVERVIEW_METRICS;

/** A metric of one answer, ready for a Stat. */
export interface MetricFigure {
  metric: OverviewMetric;
  label: string;
  description: string;
  format: MetricFormat;
  good: GoodDirection;
  /** The current value; null when unknown. */
  value: number | null;
  /** The previous period's value; undefined when not compared, or when the previous period had no value to compare. */
  previous: number | undefined;
  /** `off`: compare was not asked; `no-data`: the previous period had nothing to compare with. */
  comparison: "off" | "no-data" | "ok";
  /** Requests left out of a spend because their model has no price (0 for other metrics). */
  unpricedRequests: number;
}

/** Nothing to show: no request at all in the range. */
export function isOverviewEmpty(data: OverviewData): boolean {
  return data.requests === 0;
}

/** One metric of a `kpi.overview` answer with its previous value and caveats. */
export function metricFigure(data: OverviewData, metric: OverviewMetric): MetricFigure {
  const definition: MetricDefinition = OVERVIEW_METRICS[metric];
  const value = definition.value(data);
  const previousValue = data.previous && data.previous.requests > 0 ? definition.value(data.previous) : null;
  const comparison = data.previous === null ? "off" : previousValue === null ? "no-data" : "ok";
  return {
    metric,
    label: definition.label,
    description: definition.description,
    format: definition.format,
    good: definition.good,
    value,
    previous: previousValue ?? undefined,
    comparison,
    unpricedRequests: metric === "costUsd" ? data.unpricedRequests : 0,
  };
}

/** The formatter of a metric format. */
export function formatterFor(format: MetricFormat, f: Formatters): (value: number | null | undefined) => string {
  switch (format) {
    case "count":
      return (value) => f.number(value, 0);
    case "compact":
      return f.compact;
    case "percent":
      return f.percent;
    case "currency":
      return f.currency;
    case "duration":
      return f.duration;
    case "score":
      return (value) => f.number(value, 2);
  }
}
