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
import { isUsageFrequencyEmpty, prepareUsageFrequency } from "./prepare.js";
import { UsageFrequencyView } from "./UsageFrequencyView.js";

export interface UsageFrequencyProps extends KpiOverrides {
  /** Card title (default "Usage frequency"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** How regularly users come back: users by active days in the range and requests per active user-day (`kpi.usageFrequency`). */
export function UsageFrequency(props: UsageFrequencyProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Usage frequency", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.usageFrequency.queryOptions(input), usePromptmeterQueryClient());
  const f = useFormatters(locale);
  const frame = frameStateOf(query, isUsageFrequencyEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle={`Users by active days (${input.timezone ?? "UTC"})`}
      emptyMessage="No requests in this range"
      skeleton="list"
      className={className}
      minHeight={240}
      {...frame}
    >
      {query.data && <UsageFrequencyView data={prepareUsageFrequency(query.data, f)} locale={locale} />}
    </ChartFrame>
  );
}
