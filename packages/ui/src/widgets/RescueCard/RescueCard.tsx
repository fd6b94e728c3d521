"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { isRescueEmpty, prepareRescue } from "./prepare.js";
import { RescueCardView } from "./RescueCardView.js";

export interface RescueCardProps extends KpiOverrides {
  /** Card title (default "Retries & fallbacks"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** How often requests needed a retry or a fallback, and how many of those it saved (`kpi.rescue`). */
export function RescueCard(props: RescueCardProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Retries & fallbacks", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.rescue.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isRescueEmpty);
  return (
    <ChartFrame title={title} emptyMessage="No requests in this range" className={className} minHeight={260} {...frame}>
      {query.data && <RescueCardView data={prepareRescue(query.data)} locale={locale} timeZone={input.timezone} />}
    </ChartFrame>
  );
}
