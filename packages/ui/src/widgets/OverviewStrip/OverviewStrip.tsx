"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { isOverviewEmpty, type OverviewMetric } from "../KpiTile/prepare.js";
import { OverviewStripView } from "./OverviewStripView.js";
import { DEFAULT_STRIP_METRICS, prepareOverviewStrip } from "./prepare.js";

export interface OverviewStripProps extends KpiOverrides {
  /** Which `kpi.overview` figures to show, in order (default requests, error rate, spend, p95 latency, users, feedback score). */
  metrics?: readonly OverviewMetric[];
  /** Card title (default "Overview"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

const SUBTITLES = { ok: "Change vs the previous period of equal length", "no-data": "No data in the previous period", off: undefined };

/** The key figures of `kpi.overview` side by side, each with its change against the previous period. */
export function OverviewStrip(props: OverviewStripProps): ReactNode {
  const {
    metrics = DEFAULT_STRIP_METRICS,
    range,
    filters,
    timezone,
    bucket,
    compare = true,
    title = "Overview",
    locale,
    className,
  } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.overview.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isOverviewEmpty);
  const data = query.data && prepareOverviewStrip(query.data, metrics);
  return (
    <ChartFrame
      title={title}
      subtitle={data && frame.status === "data" ? SUBTITLES[data.comparison] : undefined}
      emptyMessage="No requests in this range"
      skeleton="stat"
      minHeight={72}
      className={className}
      {...frame}
    >
      {data && <OverviewStripView data={data} locale={locale} />}
    </ChartFrame>
  );
}
