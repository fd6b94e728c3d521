"use client";
import type { ReactNode } from "react";
import { Stat } from "../../primitives/Stat.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import { RESCUE_SERIES, type RescueViewData } from "./prepare.js";

export interface RescueCardViewProps {
  /** Prepared figures (see `prepareRescue`). */
  data: RescueViewData;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of bucket labels (default the provider's). */
  timeZone?: string | undefined;
}

/** Rescue rate with its delta, retry and fallback counts and rates, and rescued requests per bucket. */
export function RescueCardView({ data, locale, timeZone }: RescueCardViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const count = (value: number | null | undefined) => f.number(value, 0);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Rescue rate"
          value={data.rescueRate}
          format={f.percent}
          previous={data.previousRescueRate}
          goodDirection="up"
          hint={
            <>
              {count(data.rescued)} of {count(data.rescueAttempts)} retried or fallen back
              {data.noPrevious && <span className="pm-hint-line">No data in the previous period</span>}
            </>
          }
          locale={locale}
        />
        <Stat label="Retried" size="small" value={data.retried.count} format={count} hint={`${f.percent(data.retried.rate)} of requests`} />
        <Stat
          label="Fallback"
          size="small"
          value={data.fallback.count}
          format={count}
          hint={`${f.percent(data.fallback.rate)} of requests`}
        />
      </div>
      <TimeSeries
        data={data.series}
        series={RESCUE_SERIES}
        variant="bar"
        label="Retried or fallen-back requests per bucket, rescued or not"
        formatValue={count}
        formatAxis={f.compact}
        height={160}
        locale={locale}
        timeZone={timeZone}
      />
    </div>
  );
}
