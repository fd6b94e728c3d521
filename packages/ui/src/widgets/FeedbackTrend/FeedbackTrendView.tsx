"use client";
import type { ReactNode } from "react";
import { Stat } from "../../primitives/Stat.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { FeedbackTrendViewData } from "./prepare.js";

export interface FeedbackTrendViewProps {
  /** Prepared figures and series (see `prepareFeedbackTrend`). */
  data: FeedbackTrendViewData;
  /** Height of each chart in px (default 140). */
  chartHeight?: number;
  /** BCP 47 locale (default the provider's). */
  locale?: string | undefined;
}

const SCORE_DOMAIN = [0, 1] as const;

/** Feedback volume per bucket (bars) above the mean score per bucket (line on a fixed 0–1 scale). */
export function FeedbackTrendView({ data, chartHeight = 140, locale }: FeedbackTrendViewProps): ReactNode {
  const f = useFormatters(locale);
  const score = (value: number | null | undefined) => f.number(value, 2);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Feedback"
          value={data.count}
          format={(v) => f.number(v, 0)}
          previous={data.previous?.count}
          size="small"
          locale={locale}
        />
        <Stat label="Avg score" value={data.avgScore} format={score} previous={data.previous?.avgScore} size="small" locale={locale} />
        <Stat
          label="Feedback rate"
          value={data.feedbackRate}
          format={f.percent}
          previous={data.previous?.feedbackRate}
          hint="of requests"
          size="small"
          locale={locale}
        />
      </div>
      <div>
        <p className="pm-section-title">Feedback per {data.bucketName}</p>
        <TimeSeries
          data={data.volume}
          series={[{ key: "count", label: "Feedback", color: "var(--pm-chart-1)" }]}
          variant="bar"
          label={`Feedback per ${data.bucketName}`}
          formatValue={(v) => f.number(v, 0)}
          formatAxis={f.compact}
          height={chartHeight}
          stepMs={data.stepMs}
          locale={locale}
        />
      </div>
      <div>
        <p className="pm-section-title">Average score per {data.bucketName}</p>
        <TimeSeries
          data={data.score}
          series={[{ key: "avgScore", label: "Avg score", color: "var(--pm-chart-2)" }]}
          variant="line"
          label={`Average score per ${data.bucketName}`}
          formatValue={score}
          formatAxis={(v) => f.number(v, 1)}
          yDomain={SCORE_DOMAIN}
          height={chartHeight}
          stepMs={data.stepMs}
          locale={locale}
        />
      </div>
    </div>
  );
}
