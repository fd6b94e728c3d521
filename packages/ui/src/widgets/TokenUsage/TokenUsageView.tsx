"use client";
import type { ReactNode } from "react";
import { bucketName } from "../../primitives/bucket-name.js";
import { Stat } from "../../primitives/Stat.js";
import { inferStepMs } from "../../primitives/series.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import { TOKEN_SERIES, type TokenViewData } from "./prepare.js";

export interface TokenUsageViewProps {
  /** Prepared figures (see `prepareTokens`). */
  data: TokenViewData;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of bucket labels (default the provider's). */
  timeZone?: string | undefined;
}

/** Total tokens with their change, per-request averages, the cache read share, and tokens per bucket by kind. */
export function TokenUsageView({ data, locale, timeZone }: TokenUsageViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const count = (value: number | null | undefined) => f.number(value, 0);
  const bucket = bucketName(inferStepMs(data.series));
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Input + output"
          value={data.total}
          format={f.compact}
          previous={data.previousTotal}
          goodDirection="none"
          hint={data.comparison === "no-data" ? "No data in the previous period" : undefined}
          locale={locale}
        />
        <Stat
          label="Per request"
          size="small"
          value={data.avgInputPerRequest}
          format={(v) => `${count(v)} in`}
          hint={`${count(data.avgOutputPerRequest)} out`}
          locale={locale}
        />
        <Stat label="Cache read share" size="small" value={data.cacheReadShare} format={f.percent} hint="of input tokens" locale={locale} />
      </div>
      <TimeSeries
        data={data.series}
        series={TOKEN_SERIES}
        variant={data.variant}
        stacked
        label={`Tokens per ${bucket} by kind`}
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
