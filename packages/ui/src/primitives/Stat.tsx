"use client";
import type { ReactNode } from "react";
import { computeDelta, type GoodDirection } from "./delta.js";
import { useFormatters } from "./use-formatters.js";

export interface StatProps {
  /** What the number is ("Spend", "p95 latency"). */
  label: ReactNode;
  /** The current value; null shows "—" (unknown is never shown as 0). */
  value: number | null | undefined;
  /** Formats the value (and nothing else). */
  format: (value: number | null | undefined) => string;
  /** The previous period's value; shows the delta when given. */
  previous?: number | null | undefined;
  /** Which way is good news, for the delta's colour (default `up`). */
  goodDirection?: GoodDirection;
  /** Words after the delta (default "vs previous period"). */
  deltaLabel?: string;
  /** A small line under the number (forecast, budget…). */
  hint?: ReactNode;
  /** `small` for strips of many stats. */
  size?: "default" | "small";
  /** Locale of the delta percentage; default the provider's. */
  locale?: string | undefined;
}

const ARROWS = { up: "▲", down: "▼", flat: "■" } as const;
const WORDS = { up: "up", down: "down", flat: "unchanged" } as const;

/** A big number with its change against the previous period, coloured good or bad. */
export function Stat(props: StatProps): ReactNode {
  const { label, value, format, previous, goodDirection = "up", deltaLabel = "vs previous period", hint, size = "default" } = props;
  const formatters = useFormatters(props.locale);
  const showDelta = previous !== undefined;
  const delta = computeDelta(value, previous, goodDirection);
  const amount = delta.change === null ? (delta.direction === "flat" ? "" : "new") : formatters.percent(Math.abs(delta.change));
  return (
    <div className={size === "small" ? "pm-stat pm-stat-small" : "pm-stat"}>
      <span className="pm-stat-label">{label}</span>
      <span className="pm-stat-value">{format(value)}</span>
      {showDelta && (
        <span className={`pm-stat-delta pm-tone-${delta.tone}`}>
          <span aria-hidden="true">{ARROWS[delta.direction]}</span>
          <span>
            <span className="pm-sr-only">{WORDS[delta.direction]} </span>
            {amount}
          </span>
          <span className="pm-stat-hint">
            {deltaLabel}
            {previous != null && ` (${format(previous)})`}
          </span>
        </span>
      )}
      {hint && <span className="pm-stat-hint">{hint}</span>}
    </div>
  );
}
