"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { isThroughputEmpty, prepareThroughput } from "./prepare.js";
import { ThroughputView } from "./ThroughputView.js";

export interface ThroughputProps extends KpiOverrides {
  /** Card title (default "Throughput"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Requests per bucket by outcome, with mean and peak requests per minute (`kpi.throughput`). */
export function Throughput(props: ThroughputProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Throughput", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.throughput.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isThroughputEmpty);
  return (
    <ChartFrame title={title} emptyMessage="No requests in this range" className={className} minHeight={280} {...frame}>
      {query.data && <ThroughputView data={prepareThroughput(query.data)} locale={locale} timeZone={input.timezone} />}
    </ChartFrame>
  );
}
