"use client";
import type { ReactNode } from "react";
import { SplitBar } from "../../primitives/SplitBar.js";
import { Stat } from "../../primitives/Stat.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { ActiveUsersViewData } from "./prepare.js";

export interface ActiveUsersViewProps {
  /** Prepared figures and series (see `prepareActiveUsers`). */
  data: ActiveUsersViewData;
  /** Height of the series chart in px (default 160). */
  chartHeight?: number;
  /** BCP 47 locale (default the provider's). */
  locale?: string | undefined;
}

/** DAU / WAU / MAU, stickiness, new vs returning users and active users per bucket. */
export function ActiveUsersView({ data, chartHeight = 160, locale }: ActiveUsersViewProps): ReactNode {
  const f = useFormatters(locale);
  const { current, previous } = data;
  const count = (value: number | null | undefined) => f.number(value, 0);
  // DAU is a mean over days: one decimal keeps 131.1 from reading as a head count.
  const mean = (value: number | null | undefined) => f.number(value, 1);
  const prev = <K extends keyof typeof current>(key: K) => (previous ? previous[key] : undefined);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat label="Active users" value={current.uniqueUsers} format={count} previous={prev("uniqueUsers")} size="small" locale={locale} />
        <Stat label="Daily active (mean)" value={current.dau} format={mean} previous={prev("dau")} size="small" locale={locale} />
        <Stat
          label="Weekly active"
          value={current.wau}
          format={count}
          previous={prev("wau")}
          hint="7 days to range end"
          size="small"
          locale={locale}
        />
        <Stat
          label="Monthly active"
          value={current.mau}
          format={count}
          previous={prev("mau")}
          hint="30 days to range end"
          size="small"
          locale={locale}
        />
        <Stat
          label="Stickiness"
          value={current.stickiness}
          format={f.percent}
          previous={prev("stickiness")}
          hint="DAU / MAU"
          size="small"
          locale={locale}
        />
      </div>
      <div>
        <p className="pm-section-title">New vs returning users</p>
        <SplitBar segments={data.split} label="New vs returning users" locale={locale} />
      </div>
      <TimeSeries
        data={data.series}
        series={[{ key: "activeUsers", label: "Active users", color: "var(--pm-chart-1)" }]}
        variant="area"
        label={`Active users per ${data.bucketName}`}
        formatValue={(v) => f.number(v, 0)}
        formatAxis={f.compact}
        height={chartHeight}
        stepMs={data.stepMs}
        locale={locale}
      />
    </div>
  );
}
