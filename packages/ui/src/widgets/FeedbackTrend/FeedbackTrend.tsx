"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { FeedbackTrendView } from "./FeedbackTrendView.js";
import { isFeedbackTrendEmpty, prepareFeedbackTrend } from "./prepare.js";

export interface FeedbackTrendProps extends KpiOverrides {
  /** Card title (default "Feedback trend"). */
  title?: ReactNode;
  /** Height of each chart in px (default 140). */
  chartHeight?: number;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Feedback volume and mean score over time, with the range's totals and feedback rate (`kpi.feedback`). */
export function FeedbackTrend(props: FeedbackTrendProps): ReactNode {
  const { range, filters, timezone, bucket, compare, title = "Feedback trend", chartHeight, locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.feedback.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isFeedbackTrendEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle="By when the feedback was given; scores from 0 (bad) to 1 (good)"
      emptyMessage="No feedback in this range"
      className={className}
      minHeight={360}
      {...frame}
    >
      {query.data && <FeedbackTrendView data={prepareFeedbackTrend(query.data)} chartHeight={chartHeight} locale={locale} />}
    </ChartFrame>
  );
}
