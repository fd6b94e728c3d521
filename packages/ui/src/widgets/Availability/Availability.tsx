"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { AvailabilityView } from "./AvailabilityView.js";
import { isReliabilityEmpty, prepareAvailability, stripDomain } from "./prepare.js";

export interface AvailabilityProps extends KpiOverrides {
  /** Card title (default "Availability"). */
  title?: ReactNode;
  /** Rows shown before "Show all" (default 8; the least available come first). */
  limit?: number;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Uptime per provider + model with a strip of its incidents over the range (`kpi.reliability`). */
export function Availability(props: AvailabilityProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Availability", limit, locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.reliability.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isReliabilityEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle="By provider and model; a minute is down when half its requests fail"
      emptyMessage="No requests in this range"
      skeleton="list"
      className={className}
      minHeight={260}
      {...frame}
    >
      {query.data && (
        <AvailabilityView
          // A relative range ends when the server answered: the strip ends there too.
          data={prepareAvailability(query.data, stripDomain(input.range ?? { last: "7d" }, query.dataUpdatedAt))}
          limit={limit}
          locale={locale}
          timeZone={input.timezone}
        />
      )}
    </ChartFrame>
  );
}
