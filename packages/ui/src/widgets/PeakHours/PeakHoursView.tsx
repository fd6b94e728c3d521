"use client";
import type { ReactNode } from "react";
import { Heatmap } from "../../primitives/Heatmap.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { PeakCallout, PeakHoursViewData } from "./prepare.js";

export interface PeakHoursViewProps {
  /** Prepared figures (see `preparePeakHours`). */
  data: PeakHoursViewData;
  /** Locale of names and numbers (default the provider's). */
  locale?: string | undefined;
}

function Callout({ label, callout, format }: { label: string; callout: PeakCallout | null; format: (c: PeakCallout) => string }) {
  return (
    <div className="pm-callout">
      <span className="pm-stat-label">{label}</span>
      <span className="pm-callout-value">{callout ? callout.label : "—"}</span>
      {callout && <span className="pm-stat-hint">{format(callout)}</span>}
    </div>
  );
}

/** The weekday × hour heatmap (the peak cell outlined) under the peak slot, busiest weekday and busiest hour. */
export function PeakHoursView({ data, locale }: PeakHoursViewProps): ReactNode {
  const f = useFormatters(locale);
  const describe = (c: PeakCallout) => `${f.number(c.requests, 0)} requests · ${f.percent(c.share)}`;
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Callout label="Peak hour" callout={data.peak} format={describe} />
        <Callout label="Busiest weekday" callout={data.busiestDay} format={describe} />
        <Callout label="Busiest hour of day" callout={data.busiestHour} format={describe} />
      </div>
      <Heatmap
        matrix={data.matrix}
        highlight={data.peakCell}
        label="Requests by weekday and hour"
        formatValue={(v) => f.number(v, 0)}
        locale={locale}
      />
    </div>
  );
}
