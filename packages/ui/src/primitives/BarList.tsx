"use client";
import type { ReactNode } from "react";
import { type BarListItem, barFractions } from "./bar-list-rows.js";

export interface BarListProps {
  /** Rows in display order (sort them in the widget's prepare step). */
  items: readonly BarListItem[];
  /** Formats a row's value. */
  formatValue: (value: number) => string;
  /** What the list ranks, read by screen readers ("Requests by model"). */
  label: string;
  /** Bar colour (default `var(--pm-chart-1)`). */
  color?: string;
  /** Called with a row when it is clicked (turns labels into buttons). */
  onSelect?: ((item: BarListItem) => void) | undefined;
}

/** Horizontal labelled bars: a ranked list whose text stays readable without the bars. */
export function BarList({ items, formatValue, label, color = "var(--pm-chart-1)", onSelect }: BarListProps): ReactNode {
  const fractions = barFractions(items);
  return (
    <ol className="pm-barlist" aria-label={label}>
      {items.map((item, i) => (
        <li key={item.key} className="pm-barlist-row">
          <div className="pm-barlist-track">
            <div className="pm-barlist-fill" style={{ width: `${(fractions[i] ?? 0) * 100}%`, background: color }} aria-hidden="true" />
            {onSelect ? (
              <button type="button" className="pm-barlist-label pm-sort-button" onClick={() => onSelect(item)}>
                {item.label}
              </button>
            ) : (
              <span className="pm-barlist-label">{item.label}</span>
            )}
          </div>
          <span className="pm-barlist-value">
            {formatValue(item.value)}
            {item.detail && <span className="pm-barlist-detail">{item.detail}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
