import { type MetricFigure, metricFigure, type OverviewData, type OverviewMetric } from "../KpiTile/prepare.js";

/** The figures an OverviewStrip shows unless told otherwise: volume, reliability, spend, speed, reach and satisfaction. */
export const DEFAULT_STRIP_METRICS: readonly OverviewMetric[] = [
  "requests",
  "errorRate",
  "costUsd",
  "latencyP95",
  "uniqueUsers",
  "feedbackScore",
];

/** The strip's figures and one line about what they are compared with. */
export interface OverviewStripData {
  figures: MetricFigure[];
  /** `off`: no comparison asked; `no-data`: the previous period was empty; `ok`: deltas are shown. */
  comparison: "off" | "no-data" | "ok";
}

/** `kpi.overview` → one figure per metric, in the order asked, each metric once. */
export function prepareOverviewStrip(data: OverviewData, metrics: readonly OverviewMetric[] = DEFAULT_STRIP_METRICS): OverviewStripData {
  const figures = [...new Set(metrics)].map((metric) => metricFigure(data, metric));
  const comparison = data.previous === null ? "off" : data.previous.requests === 0 ? "no-data" : "ok";
  return { figures, comparison };
}
