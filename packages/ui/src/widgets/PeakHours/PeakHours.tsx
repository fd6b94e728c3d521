"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { PeakHoursView } from "./PeakHoursView.js";
import { isPeakTimesEmpty, preparePeakHours } from "./prepare.js";

export interface PeakHoursProps extends KpiOverrides {
  /** Card title (default "Peak hours"). */
  title?: ReactNode;
  /** BCP 47 locale of weekday and hour names (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** When traffic comes: requests by local weekday and hour as a 7 × 24 heatmap with the peak called out (`kpi.peakTimes`). */
export function PeakHours(props: PeakHoursProps): ReactNode {
  const { range, filters, timezone, bucket, compare, title = "Peak hours", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.peakTimes.queryOptions(input), usePromptmeterQueryClient());
  const f = useFormatters(locale);
  const frame = frameStateOf(query, isPeakTimesEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle={`Requests by weekday and hour (${input.timezone ?? "UTC"})`}
      emptyMessage="No requests in this range"
      className={className}
      minHeight={260}
      {...frame}
    >
      {query.data && <PeakHoursView data={preparePeakHours(query.data, f.locale)} locale={locale} />}
    </ChartFrame>
  );
}
