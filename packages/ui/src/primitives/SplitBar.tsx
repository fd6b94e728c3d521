"use client";
import type { ReactNode } from "react";
import { type SplitSegment, splitShares } from "./split-bar.js";
import { useFormatters } from "./use-formatters.js";

export interface SplitBarProps {
  /** The parts of the whole, in display order. */
  segments: readonly SplitSegment[];
  /** What the whole is, read by screen readers ("Feedback by sentiment"). */
  label: string;
  /** Formats a segment's value (default whole numbers). */
  formatValue?: (value: number) => string;
  /** Locale of the shares (default the provider's). */
  locale?: string | undefined;
}

/**
 * One horizontal bar split into proportional parts, with a legend that states every part's value and share
 * in text: nothing is only in the bar, so it needs no tooltip and reads as a list.
 */
export function SplitBar({ segments, label, formatValue, locale }: SplitBarProps): ReactNode {
  const f = useFormatters(locale);
  const format = formatValue ?? ((value: number) => f.number(value, 0));
  const shares = splitShares(segments);
  return (
    <div className="pm-splitbar">
      <div className="pm-splitbar-track" aria-hidden="true">
        {shares.map((s) =>
          s.share > 0 ? <div key={s.key} className="pm-splitbar-part" style={{ flexGrow: s.share, background: s.color }} /> : null,
        )}
      </div>
      <ul className="pm-splitbar-legend" aria-label={label}>
        {shares.map((s) => (
          <li key={s.key} data-key={s.key}>
            <span className="pm-swatch" style={{ background: s.color }} aria-hidden="true" />
            <span className="pm-splitbar-label">{s.label}</span>
            <span className="pm-splitbar-value">{format(s.value)}</span>
            <span className="pm-splitbar-share">{f.percent(s.share)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
