"use client";
import type { ReactNode } from "react";
import { bucketName } from "../../primitives/bucket-name.js";
import { Stat } from "../../primitives/Stat.js";
import { inferStepMs } from "../../primitives/series.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { SuccessRateViewData } from "./prepare.js";

export interface SuccessRateViewProps {
  /** Prepared figures (see `prepareSuccessRate`). */
  data: SuccessRateViewData;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of bucket labels (default the provider's). */
  timeZone?: string | undefined;
}

const SERIES = [{ key: "successRate", label: "Success rate", color: "var(--pm-chart-2)" }] as const;

/** The range's success rate with its change, the failures, and the rate per bucket on a zoomed axis. */
export function SuccessRateView({ data, locale, timeZone }: SuccessRateViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const bucket = bucketName(inferStepMs(data.series));
  return (
    <div className="pm-widget-stack">
      <Stat
        label="Requests that succeeded"
        value={data.rate}
        format={f.percent}
        previous={data.previousRate}
        goodDirection="up"
        hint={
          data.comparison === "no-data"
            ? "No data in the previous period"
            : `${f.number(data.failures, 0)} of ${f.number(data.requests, 0)} failed`
        }
        locale={locale}
      />
      <TimeSeries
        data={data.series}
        series={SERIES}
        variant="line"
        label={`Success rate per ${bucket}`}
        formatValue={f.percent}
        yDomain={data.yDomain}
        height={160}
        locale={locale}
        timeZone={timeZone}
      />
    </div>
  );
}
