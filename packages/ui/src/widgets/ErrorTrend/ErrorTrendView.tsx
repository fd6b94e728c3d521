"use client";
import type { ReactNode } from "react";
import { Stat } from "../../primitives/Stat.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { ErrorTrendViewData } from "./prepare.js";

export interface ErrorTrendViewProps {
  /** Prepared figures (see `prepareErrorTrend`). */
  data: ErrorTrendViewData;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of bucket labels (default the provider's). */
  timeZone?: string | undefined;
}

const RATE_SERIES = [{ key: "errorRate", label: "Error rate", color: "var(--pm-bad)" }] as const;

/** The overall error rate with its delta, the rate per bucket, and failures per bucket stacked by error type. */
export function ErrorTrendView({ data, locale, timeZone }: ErrorTrendViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const count = (value: number | null | undefined) => f.number(value, 0);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Error rate"
          value={data.errorRate}
          format={f.percent}
          previous={data.previousErrorRate}
          goodDirection="down"
          hint={
            <>
              {count(data.errors)} failed of {count(data.requests)} requests
              {data.noPrevious && <span className="pm-hint-line">No data in the previous period</span>}
            </>
          }
          locale={locale}
        />
      </div>
      <TimeSeries
        data={data.rateSeries}
        series={RATE_SERIES}
        variant="area"
        label="Error rate per bucket"
        formatValue={f.percent}
        height={130}
        locale={locale}
        timeZone={timeZone}
      />
      <TimeSeries
        data={data.typePoints}
        series={data.typeSeries}
        variant="bar"
        label="Failed requests per bucket by error type"
        formatValue={count}
        formatAxis={f.compact}
        height={170}
        showLegend
        locale={locale}
        timeZone={timeZone}
      />
    </div>
  );
}
