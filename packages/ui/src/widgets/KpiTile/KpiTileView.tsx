"use client";
import type { ReactNode } from "react";
import { Stat } from "../../primitives/Stat.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import { formatterFor, type MetricFigure } from "./prepare.js";

export interface KpiTileViewProps {
  /** The prepared figure (see `metricFigure`). */
  figure: MetricFigure;
  /** `small` for strips of many figures (the label is then the metric's name, not its definition). */
  size?: "default" | "small";
  /** Say so under the number when the previous period had no data (default true; a strip says it once). */
  comparisonNote?: boolean;
  /** Locale of numbers (default the provider's). */
  locale?: string | undefined;
}

/** One figure with its change against the previous period and its caveats. */
export function KpiTileView({ figure, size = "default", comparisonNote = true, locale }: KpiTileViewProps): ReactNode {
  const f = useFormatters(locale);
  const unpriced =
    figure.unpricedRequests > 0
      ? `${f.number(figure.unpricedRequests, 0)} unpriced ${figure.unpricedRequests === 1 ? "request" : "requests"} not included`
      : undefined;
  const noPrevious = comparisonNote && figure.comparison === "no-data" ? "No data in the previous period" : undefined;
  const hint =
    unpriced || noPrevious ? (
      <>
        {unpriced}
        {unpriced && noPrevious && <br />}
        {noPrevious}
      </>
    ) : undefined;
  return (
    <Stat
      label={size === "small" ? figure.label : figure.description}
      value={figure.value}
      format={formatterFor(figure.format, f)}
      previous={figure.comparison === "ok" ? figure.previous : undefined}
      goodDirection={figure.good}
      // A strip says "vs the previous period" once, in its subtitle.
      deltaLabel={size === "small" ? "" : undefined}
      hint={hint}
      size={size}
      locale={locale}
    />
  );
}
