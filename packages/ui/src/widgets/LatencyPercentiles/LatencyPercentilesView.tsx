"use client";
import type { ReactNode } from "react";
import { bucketName } from "../../primitives/bucket-name.js";
import { Stat } from "../../primitives/Stat.js";
import { inferStepMs } from "../../primitives/series.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import { LATENCY_SERIES, type LatencyViewData } from "./prepare.js";

export interface LatencyPercentilesViewProps {
  /** Prepared figures (see `prepareLatency`). */
  data: LatencyViewData;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of bucket labels (default the provider's). */
  timeZone?: string | undefined;
}

/** p50/p95/p99 with their changes, time-to-first-token figures, and the percentile lines with gaps where there was no traffic. */
export function LatencyPercentilesView({ data, locale, timeZone }: LatencyPercentilesViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const bucket = bucketName(inferStepMs(data.series));
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        {data.figures.map((figure) => (
          <Stat
            key={figure.key}
            label={figure.label}
            size={figure.key === "p95" ? "default" : "small"}
            value={figure.value}
            format={f.duration}
            previous={figure.previous}
            goodDirection="down"
            deltaLabel="vs previous"
            locale={locale}
          />
        ))}
      </div>
      <div>
        <p className="pm-section-title">Time to first token</p>
        {data.ttft ? (
          <p className="pm-inline-figures">
            {(["p50", "p95", "p99"] as const).map((key) => (
              <span key={key}>
                <span className="pm-inline-figure-label">{key}</span> {f.duration(data.ttft?.[key])}
              </span>
            ))}
            <span className="pm-inline-figure-label">over {f.number(data.ttft.count, 0)} streamed requests</span>
          </p>
        ) : (
          <p className="pm-inline-figures pm-inline-figure-label">No streamed request reported one</p>
        )}
      </div>
      <TimeSeries
        data={data.series}
        series={LATENCY_SERIES}
        variant="line"
        label={`Latency percentiles per ${bucket}`}
        formatValue={f.duration}
        height={180}
        locale={locale}
        timeZone={timeZone}
      />
      {data.comparison === "no-data" && <p className="pm-footnote">No data in the previous period to compare with.</p>}
    </div>
  );
}
