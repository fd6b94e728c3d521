"use client";
import { useParentSize } from "@visx/responsive";
import { type KeyboardEvent, type MouseEvent, type ReactNode, useMemo, useState } from "react";
import { cellOpacity, HOURS, hourNames, matrixMax, normalizeMatrix, WEEKDAYS, weekdayNames } from "./heatmap-cells.js";
import { useFormatters } from "./use-formatters.js";
import { VisuallyHiddenTable } from "./VisuallyHiddenTable.js";

export interface HeatmapProps {
  /** 7 × 24 values: local weekday (0 = Monday … 6 = Sunday) × hour, as `kpi.peakTimes.matrix`. */
  matrix: ReadonlyArray<ReadonlyArray<number | null | undefined>>;
  /** Accessible name and table caption, e.g. "Requests by weekday and hour". */
  label: string;
  /** Formats a cell value (default compact number). */
  formatValue?: (value: number) => string;
  /** Cell colour (default `var(--pm-chart-1)`), faded by value. */
  color?: string;
  /** Locale of weekday and hour names (default the provider's). */
  locale?: string | undefined;
  /** A cell to outline, e.g. the peak (`day` 0 = Monday). */
  highlight?: { day: number; hour: number } | null | undefined;
}

const LEFT = 40;
const TOP = 18;
const GAP = 2;
const MAX_CELL_HEIGHT = 26;
const MIN_CELL_HEIGHT = 15;
const KEYS_HANDLED = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "Escape"]);

/** A weekday × hour grid; arrow keys walk the cells and show the same tooltip as the mouse. */
export function Heatmap(props: HeatmapProps): ReactNode {
  const { label, color = "var(--pm-chart-1)" } = props;
  const formatters = useFormatters(props.locale);
  const formatValue = props.formatValue ?? formatters.compact;
  const matrix = useMemo(() => normalizeMatrix(props.matrix), [props.matrix]);
  const max = matrixMax(matrix);
  const days = useMemo(() => weekdayNames(formatters.locale, "short"), [formatters.locale]);
  const longDays = useMemo(() => weekdayNames(formatters.locale, "long"), [formatters.locale]);
  const hours = useMemo(() => hourNames(formatters.locale), [formatters.locale]);
  const { parentRef, width } = useParentSize({ ignoreDimensions: ["height", "top", "left"], debounceTime: 50 });
  const [active, setActive] = useState<{ day: number; hour: number } | null>(null);

  const cellWidth = Math.max(0, (width - LEFT) / HOURS);
  // Never shorter than a weekday label (11 px text), or the labels of a narrow card run into each other.
  const cellHeight = Math.min(MAX_CELL_HEIGHT, Math.max(MIN_CELL_HEIGHT, cellWidth * 0.8));
  const height = TOP + WEEKDAYS * cellHeight;
  const hourEvery = cellWidth < 22 ? 6 : cellWidth < 34 ? 3 : 2;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!KEYS_HANDLED.has(event.key)) return;
    event.preventDefault();
    if (event.key === "Escape") return setActive(null);
    const { day, hour } = active ?? { day: 0, hour: 0 };
    const next = {
      ArrowLeft: { day, hour: Math.max(0, hour - 1) },
      ArrowRight: { day, hour: Math.min(HOURS - 1, hour + 1) },
      ArrowUp: { day: Math.max(0, day - 1), hour },
      ArrowDown: { day: Math.min(WEEKDAYS - 1, day + 1), hour },
      Home: { day, hour: 0 },
      End: { day, hour: HOURS - 1 },
    }[event.key];
    setActive(next ?? null);
  };

  const onMouseMove = (event: MouseEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const hour = Math.floor((event.clientX - rect.left - LEFT) / cellWidth);
    const day = Math.floor((event.clientY - rect.top - TOP) / cellHeight);
    const inside = cellWidth > 0 && hour >= 0 && hour < HOURS && day >= 0 && day < WEEKDAYS;
    setActive(inside ? { day, hour } : null);
  };

  const activeValue = active ? (matrix[active.day]?.[active.hour] ?? 0) : 0;
  const activeText = active ? `${longDays[active.day]} ${hours[active.hour]}: ${formatValue(activeValue)}` : "";
  const tipX = active ? LEFT + (active.hour + 0.5) * cellWidth : 0;
  const tipY = active ? TOP + (active.day + 1) * cellHeight + 4 : 0;

  return (
    <div>
      {/* A slider over the 168 cells: left/right move an hour, up/down a day; the value text is announced. */}
      <div
        ref={parentRef}
        className="pm-chart pm-focusable"
        style={{ height: width > 0 ? height : 0, minHeight: 120 }}
        tabIndex={0}
        role="slider"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={WEEKDAYS * HOURS - 1}
        aria-valuenow={active ? active.day * HOURS + active.hour : 0}
        aria-valuetext={active ? activeText : "Use the arrow keys: left and right move an hour, up and down a day"}
        onKeyDown={onKeyDown}
        onFocus={() => setActive((current) => current ?? { day: 0, hour: 0 })}
        onBlur={() => setActive(null)}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setActive(null)}
      >
        {width > 0 && (
          <svg width={width} height={height} aria-hidden="true">
            {hours.map((name, hour) =>
              hour % hourEvery === 0 ? (
                <text key={name} className="pm-axis-label" x={LEFT + (hour + 0.5) * cellWidth} y={11} textAnchor="middle">
                  {name}
                </text>
              ) : null,
            )}
            {days.map((name, day) => (
              <text key={name} className="pm-axis-label" x={LEFT - 8} y={TOP + (day + 0.5) * cellHeight} dy="0.32em" textAnchor="end">
                {name}
              </text>
            ))}
            {matrix.map((row, day) =>
              row.map((value, hour) => {
                const isActive = active?.day === day && active.hour === hour;
                return (
                  <rect
                    // biome-ignore lint/suspicious/noArrayIndexKey: the grid is fixed 7 × 24
                    key={`${day}-${hour}`}
                    x={LEFT + hour * cellWidth + GAP / 2}
                    y={TOP + day * cellHeight + GAP / 2}
                    width={Math.max(0, cellWidth - GAP)}
                    height={Math.max(0, cellHeight - GAP)}
                    rx={3}
                    style={{
                      fill: value > 0 ? color : "var(--pm-muted)",
                      fillOpacity: value > 0 ? cellOpacity(value, max) : 1,
                      stroke: isActive ? "var(--pm-foreground)" : "none",
                      strokeWidth: 1.5,
                    }}
                  />
                );
              }),
            )}
            {props.highlight && (
              <rect
                data-testid="pm-heatmap-highlight"
                x={LEFT + props.highlight.hour * cellWidth + GAP / 2 - 1.5}
                y={TOP + props.highlight.day * cellHeight + GAP / 2 - 1.5}
                width={Math.max(0, cellWidth - GAP + 3)}
                height={Math.max(0, cellHeight - GAP + 3)}
                rx={4}
                style={{ fill: "none", stroke: "var(--pm-foreground)", strokeWidth: 1.5, strokeDasharray: "3 2" }}
              />
            )}
          </svg>
        )}
        {width > 0 && active && (
          <div
            className="pm-tooltip"
            aria-hidden="true"
            data-testid="pm-tooltip"
            style={{ transform: `translate(${tipX > width / 2 ? `calc(${tipX}px - 100%)` : `${tipX}px`}, ${tipY}px)` }}
          >
            <div className="pm-tooltip-title">
              {longDays[active.day]} {hours[active.hour]}
            </div>
            <div className="pm-tooltip-value">{formatValue(activeValue)}</div>
          </div>
        )}
      </div>
      <VisuallyHiddenTable
        caption={label}
        columns={["Weekday", ...hours]}
        rows={matrix.map((row, day) => [longDays[day] ?? "", ...row.map((value) => formatValue(value))])}
      />
    </div>
  );
}
