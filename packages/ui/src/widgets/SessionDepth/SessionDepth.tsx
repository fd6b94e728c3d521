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
import { isSessionsEmpty, prepareSessionDepth } from "./prepare.js";
import { SessionDepthView } from "./SessionDepthView.js";

export interface SessionDepthProps extends KpiOverrides {
  /** Card title (default "Session depth"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** How deep sessions go: sessions, requests per session, repeat rate and their distribution (`kpi.sessions`). */
export function SessionDepth(props: SessionDepthProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Session depth", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.sessions.queryOptions(input), usePromptmeterQueryClient());
  const f = useFormatters(locale);
  const frame = frameStateOf(query, isSessionsEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle="Requests that carry a session id"
      emptyMessage="No requests in this range"
      skeleton="list"
      className={className}
      minHeight={240}
      {...frame}
    >
      {query.data && <SessionDepthView data={prepareSessionDepth(query.data, f)} locale={locale} />}
    </ChartFrame>
  );
}
