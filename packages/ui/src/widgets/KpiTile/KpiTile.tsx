"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { KpiTileView } from "./KpiTileView.js";
import { isOverviewEmpty, metricFigure, OVERVIEW_METRICS, type OverviewMetric } from "./prepare.js";

export interface KpiTileProps extends KpiOverrides {
  /** Which `kpi.overview` figure to show: `requests`, `errorRate`, `costUsd`, `latencyP95`, `feedbackScore`… */
  metric: OverviewMetric;
  /** Card title (default the metric's name, e.g. "p95 latency"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** One headline figure of `kpi.overview` with its change against the previous period. */
export function KpiTile(props: KpiTileProps): ReactNode {
  const { metric, range, filters, timezone, bucket, compare = true, locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.overview.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isOverviewEmpty);
  return (
    <ChartFrame
      title={props.title ?? OVERVIEW_METRICS[metric].label}
      emptyMessage="No requests in this range"
      skeleton="stat"
      minHeight={88}
      className={className}
      {...frame}
    >
      {query.data && <KpiTileView figure={metricFigure(query.data, metric)} locale={locale} />}
    </ChartFrame>
  );
}
