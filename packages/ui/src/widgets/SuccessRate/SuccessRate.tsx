"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { isSuccessRateEmpty, prepareSuccessRate } from "./prepare.js";
import { SuccessRateView } from "./SuccessRateView.js";

export interface SuccessRateProps extends KpiOverrides {
  /** Card title (default "Success rate"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/**
 * The share of requests that succeeded, over the range and per bucket. It reads `kpi.throughput`, whose
 * success and error counts per bucket give the rate directly (and which a Throughput widget beside it shares from the cache).
 */
export function SuccessRate(props: SuccessRateProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Success rate", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.throughput.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isSuccessRateEmpty);
  return (
    <ChartFrame title={title} emptyMessage="No requests in this range" className={className} minHeight={240} {...frame}>
      {query.data && <SuccessRateView data={prepareSuccessRate(query.data)} locale={locale} timeZone={input.timezone} />}
    </ChartFrame>
  );
}
