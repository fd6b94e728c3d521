"use client";
import type { ReactNode } from "react";
import { BarList } from "../../primitives/BarList.js";
import { Stat } from "../../primitives/Stat.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { UsageFrequencyViewData } from "./prepare.js";

export interface UsageFrequencyViewProps {
  /** Prepared figures (see `prepareUsageFrequency`). */
  data: UsageFrequencyViewData;
  /** Locale of numbers (default the provider's). */
  locale?: string | undefined;
}

/** Active users and requests per active user-day, over bars of users by number of active days. */
export function UsageFrequencyView({ data, locale }: UsageFrequencyViewProps): ReactNode {
  const f = useFormatters(locale);
  const count = (value: number | null | undefined) => f.number(value, 0);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Active users"
          value={data.activeUsers}
          format={count}
          previous={data.previousActiveUsers}
          hint={data.noPrevious ? "No data in the previous period" : undefined}
          locale={locale}
        />
        <Stat
          label="Requests per active user-day"
          size="small"
          value={data.requestsPerUserDay}
          format={(value) => f.number(value, 1)}
          previous={data.previousRequestsPerUserDay}
          hint={`over ${count(data.userDays)} user-days`}
          locale={locale}
        />
      </div>
      <BarList items={data.bars} formatValue={count} label="Users by number of active days" color="var(--pm-chart-2)" />
    </div>
  );
}
