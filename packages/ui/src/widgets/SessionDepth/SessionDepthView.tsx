"use client";
import type { ReactNode } from "react";
import { BarList } from "../../primitives/BarList.js";
import { Stat } from "../../primitives/Stat.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { SessionDepthViewData } from "./prepare.js";

export interface SessionDepthViewProps {
  /** Prepared figures (see `prepareSessionDepth`). */
  data: SessionDepthViewData;
  /** Locale of numbers (default the provider's). */
  locale?: string | undefined;
}

/** Sessions, requests per session and repeat rate, over bars of sessions by number of requests. */
export function SessionDepthView({ data, locale }: SessionDepthViewProps): ReactNode {
  const f = useFormatters(locale);
  const count = (value: number | null | undefined) => f.number(value, 0);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Sessions"
          value={data.sessions}
          format={count}
          previous={data.previousSessions}
          hint={data.noPrevious ? "No data in the previous period" : undefined}
          locale={locale}
        />
        <Stat
          label="Requests per session"
          size="small"
          value={data.avgRequestsPerSession}
          format={(value) => f.number(value, 2)}
          previous={data.previousAvg}
          locale={locale}
        />
        <Stat
          label="Repeat rate"
          size="small"
          value={data.repeatRate}
          format={f.percent}
          previous={data.previousRepeatRate}
          hint={`${count(data.sessionsWithFollowUp)} sessions with a follow-up`}
          locale={locale}
        />
      </div>
      <BarList items={data.bars} formatValue={count} label="Sessions by number of requests" color="var(--pm-chart-4)" />
    </div>
  );
}
