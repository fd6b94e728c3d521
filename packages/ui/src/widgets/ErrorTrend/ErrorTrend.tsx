"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { ErrorTrendView } from "./ErrorTrendView.js";
import { isErrorTrendEmpty, prepareErrorTrend } from "./prepare.js";

export interface ErrorTrendProps extends KpiOverrides {
  /** Card title (default "Errors"). */
  title?: ReactNode;
  /** How many error types get their own colour before the rest are summed (default 5). */
  maxTypes?: number;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** How often requests fail over time: error rate with its delta, and failures per bucket stacked by type (`kpi.errors`). */
export function ErrorTrend(props: ErrorTrendProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Errors", maxTypes, locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.errors.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isErrorTrendEmpty);
  return (
    <ChartFrame title={title} emptyMessage="No requests in this range" className={className} minHeight={380} {...frame}>
      {query.data && <ErrorTrendView data={prepareErrorTrend(query.data, maxTypes)} locale={locale} timeZone={input.timezone} />}
    </ChartFrame>
  );
}
