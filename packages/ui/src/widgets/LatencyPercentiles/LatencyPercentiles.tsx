"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { LatencyPercentilesView } from "./LatencyPercentilesView.js";
import { isLatencyEmpty, prepareLatency } from "./prepare.js";

export interface LatencyPercentilesProps extends KpiOverrides {
  /** Card title (default "Latency"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** p50/p95/p99 latency over successful requests, per bucket and overall, with time to first token (`kpi.latency`). */
export function LatencyPercentiles(props: LatencyPercentilesProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Latency", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.latency.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isLatencyEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle={input.filters?.status === "error" ? "Failed requests" : "Successful requests"}
      emptyMessage="No requests in this range"
      className={className}
      minHeight={300}
      {...frame}
    >
      {query.data && <LatencyPercentilesView data={prepareLatency(query.data)} locale={locale} timeZone={input.timezone} />}
    </ChartFrame>
  );
}
