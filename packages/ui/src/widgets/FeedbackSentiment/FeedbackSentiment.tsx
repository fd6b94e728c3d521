"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { FeedbackSentimentView } from "./FeedbackSentimentView.js";
import { isFeedbackEmpty, prepareFeedbackSentiment } from "./prepare.js";

export interface FeedbackSentimentProps extends KpiOverrides {
  /** How many recent comments to show, 0–10 (default 3). */
  comments?: number;
  /** Card title (default "Feedback sentiment"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Positive / neutral / negative feedback with counts and shares, mean score, feedback rate and recent comments (`kpi.feedback`). */
export function FeedbackSentiment(props: FeedbackSentimentProps): ReactNode {
  const { range, filters, timezone, bucket, compare, comments = 3, title = "Feedback sentiment", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.feedback.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isFeedbackEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle="Thumbs, stars and scores given by users"
      emptyMessage="No feedback in this range"
      skeleton="list"
      className={className}
      minHeight={220}
      {...frame}
    >
      {query.data && <FeedbackSentimentView data={prepareFeedbackSentiment(query.data, comments)} locale={locale} />}
    </ChartFrame>
  );
}
