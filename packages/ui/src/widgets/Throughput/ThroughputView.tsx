"use client";
import type { ReactNode } from "react";
import { bucketName } from "../../primitives/bucket-name.js";
import { Stat } from "../../primitives/Stat.js";
import { inferStepMs } from "../../primitives/series.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import { THROUGHPUT_SERIES, type ThroughputViewData } from "./prepare.js";

export interface ThroughputViewProps {
  /** Prepared figures (see `prepareThroughput`). */
  data: ThroughputViewData;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of dates (default the provider's). */
  timeZone?: string | undefined;
}

/** Requests with their change, mean and peak per minute, and requests per bucket stacked by outcome. */
export function ThroughputView({ data, locale, timeZone }: ThroughputViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const count = (value: number | null | undefined) => f.number(value, 0);
  const rate = (value: number | null | undefined) => `${f.number(value, 2)}/min`;
  const bucket = bucketName(inferStepMs(data.series));
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Requests"
          value={data.requests}
          format={count}
          previous={data.previousRequests}
          goodDirection="none"
          hint={
            data.comparison === "no-data"
              ? "No data in the previous period"
              : `${count(data.errors)} failed (${f.percent(data.errorShare)})`
          }
          locale={locale}
        />
        <Stat label="Mean" size="small" value={data.meanPerMinute} format={rate} hint="over the whole range" locale={locale} />
        <Stat
          label="Peak"
          size="small"
          value={data.peakPerMinute}
          format={rate}
          hint={data.peakMinute ? `at ${f.dateTime(data.peakMinute)}` : undefined}
          locale={locale}
        />
      </div>
      <TimeSeries
        data={data.series}
        series={THROUGHPUT_SERIES}
        variant={data.variant}
        stacked
        label={`Requests per ${bucket} by outcome`}
        formatValue={count}
        formatAxis={f.compact}
        integer
        height={180}
        locale={locale}
        timeZone={timeZone}
      />
    </div>
  );
}
