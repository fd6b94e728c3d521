"use client";
import { curveMonotoneX } from "@visx/curve";
import { Group } from "@visx/group";
import { useParentSize } from "@visx/responsive";
import { scaleLinear } from "@visx/scale";
import { Area, LinePath } from "@visx/shape";
import { type KeyboardEvent, type MouseEvent, type ReactNode, useState } from "react";
import { hasValue, indexAt, inferStepMs, pointValue, type SeriesPoint, stackPoints, tickIndices, valueDomain } from "./series.js";
import { useFormatters } from "./use-formatters.js";
import { VisuallyHiddenTable } from "./VisuallyHiddenTable.js";

/** One line, area or bar layer of a TimeSeries. */
export interface TimeSeriesSeries {
  /** The point field holding this series' numbers. */
  key: string;
  /** Legend, tooltip and table name. */
  label: string;
  /** CSS colour (default `var(--pm-chart-N)` by position). */
  color?: string;
}

export interface TimeSeriesProps {
  /** A gap-filled series `[{ t: ISO, ...values }]`, oldest first, as the KPI procedures return it. */
  data: readonly SeriesPoint[];
  /** Which fields to draw, in stacking order (bottom first). */
  series: readonly TimeSeriesSeries[];
  /** Lines, areas, or bars (bars are always stacked). */
  variant?: "line" | "area" | "bar";
  /** Stack areas on top of each other instead of overlapping them. */
  stacked?: boolean;
  /** Accessible name of the chart and caption of its screen-reader table, e.g. "Requests per hour". */
  label: string;
  /** Formats values in the tooltip and table (default compact number). */
  formatValue?: (value: number) => string;
  /** Formats y-axis ticks (default `formatValue`). */
  formatAxis?: (value: number) => string;
  /** Height of the plot in px; the width follows the container (default 200). */
  height?: number;
  /** Bucket size in ms for date labels (default: inferred from the points). */
  stepMs?: number;
  /** Show the legend (default when there is more than one series). */
  showLegend?: boolean;
  /** Fixed y domain, e.g. `[0.9, 1]` for a success rate (default `[0, a round maximum]`); values outside are clamped. */
  yDomain?: readonly [number, number] | undefined;
  /** The values are counts: y-axis ticks only at whole numbers. */
  integer?: boolean;
  /** Draw axes and grid lines (default true); `false` gives a sparkline. */
  axes?: boolean;
  /** Locale of labels (default the provider's). */
  locale?: string | undefined;
  /** Time zone of date labels (default the provider's). */
  timeZone?: string | undefined;
}

const AXES_MARGIN = { top: 8, right: 8, bottom: 24, left: 48 };
const SPARK_MARGIN = { top: 4, right: 4, bottom: 4, left: 4 };
const DAY_MS = 86_400_000;
const KEYS_HANDLED = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown", "Escape"]);

/** The colour of the series at `index`, from the theme's five chart colours. */
export function seriesColor(series: TimeSeriesSeries, index: number): string {
  return series.color ?? `var(--pm-chart-${(index % 5) + 1})`;
}

/**
 * A responsive time series (lines, areas or stacked bars) with a tooltip that the mouse and the
 * arrow keys both drive (an ARIA slider over the buckets), and the same numbers in a table for screen readers.
 */
export function TimeSeries(props: TimeSeriesProps): ReactNode {
  const { data, series, variant = "line", label, height = 200, axes = true } = props;
  const margin = axes ? AXES_MARGIN : SPARK_MARGIN;
  const stacked = variant === "bar" || (variant === "area" && props.stacked === true);
  const formatters = useFormatters(props.locale, props.timeZone);
  const formatValue = props.formatValue ?? formatters.compact;
  const formatAxis = props.formatAxis ?? formatValue;
  const stepMs = props.stepMs ?? inferStepMs(data);
  const { parentRef, width } = useParentSize({ ignoreDimensions: ["height", "top", "left"], debounceTime: 50 });
  const [active, setActive] = useState<number | null>(null);

  const keys = series.map((s) => s.key);
  const count = data.length;
  const plotWidth = Math.max(0, width - margin.left - margin.right);
  const plotHeight = Math.max(0, height - margin.top - margin.bottom);
  const band = count > 0 ? plotWidth / count : 0;
  const [, yMax] = valueDomain(data, keys, stacked);
  const yScale = scaleLinear<number>({
    domain: props.yDomain ? [props.yDomain[0], props.yDomain[1]] : [0, yMax],
    range: [plotHeight, 0],
    clamp: props.yDomain !== undefined,
  });
  // A sparkline's line runs edge to edge; with axes (and for bars) each point sits in the middle of its band.
  const edgeToEdge = !axes && variant !== "bar" && count > 1;
  const xCenter = (i: number) => (edgeToEdge ? (i * plotWidth) / (count - 1) : (i + 0.5) * band);
  const stack = stacked ? stackPoints(data, keys) : null;
  const xTicks = tickIndices(count, Math.max(2, Math.floor(plotWidth / 72)));
  // Counts never have fractional ticks (a peak of 1 request would otherwise read 0.2, 0.4…).
  const yTicks = props.integer ? yScale.ticks(4).filter(Number.isInteger) : yScale.ticks(4);
  const activePoint = active === null ? undefined : data[active];
  const showLegend = props.showLegend ?? series.length > 1;
  // A null is a gap (no eligible requests), never drawn or read as 0; stacks count it as nothing.
  const defined = (i: number, key: string) => stacked || hasValue(data[i] as SeriesPoint, key);
  const display = (point: SeriesPoint, key: string) => (hasValue(point, key) ? formatValue(pointValue(point, key)) : "—");
  // A value between two gaps makes no line segment: mark it with a dot so that it is not lost.
  const isolated = (i: number, key: string) =>
    !stacked && defined(i, key) && !(i > 0 && defined(i - 1, key)) && !(i < count - 1 && defined(i + 1, key));

  // Sub-day buckets over several days: a tick names its day when the day changes, else its time of day.
  const tickLabel = (i: number) => {
    const t = (data[i] as SeriesPoint).t;
    const previous = xTicks[xTicks.indexOf(i) - 1];
    const spansDays = stepMs < DAY_MS && count * stepMs > DAY_MS;
    const newDay = previous === undefined || formatters.date(t) !== formatters.date((data[previous] as SeriesPoint).t);
    return spansDays && newDay ? formatters.date(t) : formatters.bucketTick(t, stepMs);
  };

  const describe = (point: SeriesPoint) =>
    `${formatters.bucketLabel(point.t, stepMs)}: ${series.map((s) => `${s.label} ${display(point, s.key)}`).join(", ")}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!KEYS_HANDLED.has(event.key) || count === 0) return;
    event.preventDefault();
    const current = active ?? count - 1;
    const next: Record<string, number | null> = {
      ArrowLeft: Math.max(0, current - 1),
      ArrowRight: Math.min(count - 1, current + 1),
      ArrowDown: Math.max(0, current - 1),
      ArrowUp: Math.min(count - 1, current + 1),
      Home: 0,
      End: count - 1,
      PageUp: Math.max(0, current - 5),
      PageDown: Math.min(count - 1, current + 5),
      Escape: null,
    };
    setActive(next[event.key] ?? null);
  };
  const onMouseMove = (event: MouseEvent<HTMLDivElement>) => {
    const x = event.clientX - event.currentTarget.getBoundingClientRect().left - margin.left;
    const index = edgeToEdge ? indexAt(x + plotWidth / (count - 1) / 2, plotWidth / (count - 1), count) : indexAt(x, band, count);
    setActive(x < 0 || x > plotWidth ? null : index);
  };

  const tooltipLeft = active === null ? 0 : margin.left + xCenter(active);
  const flip = tooltipLeft > width / 2;

  return (
    <div>
      {showLegend && (
        <ul className="pm-legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.key}>
              <span className="pm-swatch" style={{ background: seriesColor(s, i) }} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      {/* A slider over the buckets: one tab stop, arrow keys move, and the value text is what a screen reader announces. */}
      <div
        ref={parentRef}
        className="pm-chart pm-focusable"
        style={{ height }}
        tabIndex={0}
        role="slider"
        aria-label={label}
        aria-orientation="horizontal"
        aria-valuemin={0}
        aria-valuemax={Math.max(0, count - 1)}
        aria-valuenow={active ?? Math.max(0, count - 1)}
        aria-valuetext={activePoint ? describe(activePoint) : `${count} buckets; use the arrow keys to read each one`}
        onKeyDown={onKeyDown}
        onFocus={() => setActive((current) => current ?? (count > 0 ? count - 1 : null))}
        onBlur={() => setActive(null)}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setActive(null)}
      >
        {width > 0 && count > 0 && (
          <svg width={width} height={height} aria-hidden="true">
            <Group left={margin.left} top={margin.top}>
              {axes &&
                yTicks.map((tick) => (
                  <g key={tick}>
                    <line className="pm-grid-line" x1={0} x2={plotWidth} y1={yScale(tick)} y2={yScale(tick)} />
                    <text className="pm-axis-label" x={-8} y={yScale(tick)} dy="0.32em" textAnchor="end">
                      {formatAxis(tick)}
                    </text>
                  </g>
                ))}
              {axes &&
                xTicks.map((i) => (
                  <text key={i} className="pm-axis-label" x={xCenter(i)} y={plotHeight + 16} textAnchor="middle">
                    {tickLabel(i)}
                  </text>
                ))}
              {variant === "bar" && active !== null && (
                <rect x={active * band} y={0} width={band} height={plotHeight} style={{ fill: "var(--pm-muted)" }} />
              )}
              {variant === "bar" &&
                stack?.map((row, i) => {
                  const barWidth = Math.max(1, band * 0.72);
                  return series.map((s, si) => {
                    const [y0, y1] = row[s.key] ?? [0, 0];
                    if (y1 <= y0) return null;
                    return (
                      <rect
                        key={`${s.key}-${(data[i] as SeriesPoint).t}`}
                        x={i * band + (band - barWidth) / 2}
                        y={yScale(y1)}
                        width={barWidth}
                        height={Math.max(0, yScale(y0) - yScale(y1))}
                        style={{ fill: seriesColor(s, si) }}
                      />
                    );
                  });
                })}
              {variant === "area" &&
                series.map((s, si) => (
                  <Area<number>
                    key={s.key}
                    data={data.map((_, i) => i)}
                    x={xCenter}
                    defined={(i) => defined(i, s.key)}
                    y0={(i) => yScale(stack ? (stack[i]?.[s.key]?.[0] ?? 0) : 0)}
                    y1={(i) => yScale(stack ? (stack[i]?.[s.key]?.[1] ?? 0) : pointValue(data[i] as SeriesPoint, s.key))}
                    curve={curveMonotoneX}
                    style={{ fill: seriesColor(s, si), fillOpacity: stacked ? 0.55 : 0.18 }}
                  />
                ))}
              {(variant === "line" || variant === "area") &&
                series.map((s, si) => (
                  <LinePath<number>
                    key={s.key}
                    data={data.map((_, i) => i)}
                    x={xCenter}
                    defined={(i) => defined(i, s.key)}
                    y={(i) => yScale(stack ? (stack[i]?.[s.key]?.[1] ?? 0) : pointValue(data[i] as SeriesPoint, s.key))}
                    curve={curveMonotoneX}
                    style={{ stroke: seriesColor(s, si), strokeWidth: 2, fill: "none" }}
                  />
                ))}
              {variant === "line" &&
                series.map((s, si) =>
                  data.map((point, i) =>
                    isolated(i, s.key) ? (
                      <circle
                        key={`${s.key}-${point.t}`}
                        cx={xCenter(i)}
                        cy={yScale(pointValue(point, s.key))}
                        r={2}
                        style={{ fill: seriesColor(s, si) }}
                      />
                    ) : null,
                  ),
                )}
              {variant !== "bar" && active !== null && activePoint && (
                <g>
                  <line className="pm-cursor-line" x1={xCenter(active)} x2={xCenter(active)} y1={0} y2={plotHeight} />
                  {series.map((s, si) =>
                    !defined(active, s.key) ? null : (
                      <circle
                        key={s.key}
                        cx={xCenter(active)}
                        cy={yScale(stack ? (stack[active]?.[s.key]?.[1] ?? 0) : pointValue(activePoint, s.key))}
                        r={4}
                        style={{ fill: seriesColor(s, si), stroke: "var(--pm-card)", strokeWidth: 2 }}
                      />
                    ),
                  )}
                </g>
              )}
            </Group>
          </svg>
        )}
        {width > 0 && activePoint && (
          <div
            className="pm-tooltip"
            aria-hidden="true"
            data-testid="pm-tooltip"
            style={{ transform: `translate(${flip ? `calc(${tooltipLeft - 12}px - 100%)` : `${tooltipLeft + 12}px`}, ${margin.top}px)` }}
          >
            <div className="pm-tooltip-title">{formatters.bucketLabel(activePoint.t, stepMs)}</div>
            {series.map((s, si) => (
              <div key={s.key} className="pm-tooltip-row">
                <span>
                  <span className="pm-swatch" style={{ background: seriesColor(s, si) }} />
                  {s.label}
                </span>
                <span className="pm-tooltip-value">{display(activePoint, s.key)}</span>
              </div>
            ))}
          </div>
        )}
      </div>
      <VisuallyHiddenTable
        caption={label}
        columns={["Time", ...series.map((s) => s.label)]}
        rows={data.map((point) => [formatters.bucketLabel(point.t, stepMs), ...series.map((s) => display(point, s.key))])}
      />
    </div>
  );
}
