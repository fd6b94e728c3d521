"use client";
import type { ReactNode } from "react";
import { BarList } from "../../primitives/BarList.js";
import { bucketName } from "../../primitives/bucket-name.js";
import { inferStepMs } from "../../primitives/series.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { ModelListRow, ModelsViewData } from "./prepare.js";

export interface ModelPopularityViewProps {
  /** Prepared figures (see `prepareModels`). */
  data: ModelsViewData;
  /** Whether every model is listed (else the top ones and "other"). */
  expanded: boolean;
  /** Shows every model, or the top ones again; no button without it. */
  onToggle?: (() => void) | undefined;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of bucket labels (default the provider's). */
  timeZone?: string | undefined;
}

/** Above this many buckets the stacked series is drawn as areas. */
const MAX_BARS = 90;

/** Each model's share of requests with its cost and p95, and requests per bucket for the top 5 models and the rest. */
export function ModelPopularityView({ data, expanded, onToggle, locale, timeZone }: ModelPopularityViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const bucket = bucketName(inferStepMs(data.series));
  const cost = (row: ModelListRow) => {
    if (row.unpricedRequests >= row.requests) return "unpriced";
    const priced = f.currency(row.costUsd);
    return row.unpricedRequests > 0 ? `${priced} + ${f.number(row.unpricedRequests, 0)} unpriced` : priced;
  };
  const items = data.rows.map((row) => ({
    key: row.key,
    label: row.label,
    value: row.share,
    detail: [`${f.number(row.requests, 0)} req`, cost(row), row.p95 === null ? null : `p95 ${f.duration(row.p95)}`]
      .filter(Boolean)
      .join(" · "),
  }));
  const hasOther = data.rows.some((row) => row.key === "other");
  return (
    <div className="pm-widget-stack">
      <div className="pm-model-list">
        <BarList items={items} formatValue={f.percent} label="Share of requests by model" />
      </div>
      {onToggle && (expanded || hasOther) && (
        <button type="button" className="pm-button pm-show-all" aria-expanded={expanded} onClick={onToggle}>
          {expanded ? "Show the top models" : `Show all ${f.number(data.models, 0)} models`}
        </button>
      )}
      <div>
        <p className="pm-section-title">Top {data.seriesKeys.length - 1} models over time</p>
        <TimeSeries
          data={data.series}
          series={data.seriesKeys}
          variant={data.series.length <= MAX_BARS ? "bar" : "area"}
          stacked
          integer
          label={`Requests per ${bucket}: top models and the rest`}
          formatValue={(value) => f.number(value, 0)}
          formatAxis={f.compact}
          height={180}
          locale={locale}
          timeZone={timeZone}
        />
      </div>
    </div>
  );
}
