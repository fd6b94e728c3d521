"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { ActiveUsersView } from "./ActiveUsersView.js";
import { isActiveUsersEmpty, prepareActiveUsers } from "./prepare.js";

export interface ActiveUsersProps extends KpiOverrides {
  /** Card title (default "Active users"). */
  title?: ReactNode;
  /** Height of the series chart in px (default 160). */
  chartHeight?: number;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Who uses the product: DAU / WAU / MAU, stickiness, new vs returning users and active users over time (`kpi.users`). */
export function ActiveUsers(props: ActiveUsersProps): ReactNode {
  const { range, filters, timezone, bucket, compare, title = "Active users", chartHeight, locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.users.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isActiveUsersEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle="Users with at least one request; anonymous requests are not counted"
      emptyMessage="No requests from identified users in this range"
      className={className}
      minHeight={300}
      {...frame}
    >
      {query.data && <ActiveUsersView data={prepareActiveUsers(query.data)} chartHeight={chartHeight} locale={locale} />}
    </ChartFrame>
  );
}
