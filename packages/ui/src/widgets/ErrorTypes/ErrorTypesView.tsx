"use client";
import { type ReactNode, useState } from "react";
import { BarList } from "../../primitives/BarList.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { ErrorTypesViewData } from "./prepare.js";

export interface ErrorTypesViewProps {
  /** Prepared figures (see `prepareErrorTypes`). */
  data: ErrorTypesViewData;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of "last seen" times (default the provider's). */
  timeZone?: string | undefined;
  /** Messages shown before "Show all" (default 5). */
  messageLimit?: number;
}

/** Failures per error type as bars, then the most frequent error messages with their type, count and last occurrence. */
export function ErrorTypesView({ data, locale, timeZone, messageLimit = 5 }: ErrorTypesViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const [showAll, setShowAll] = useState(false);
  const messages = showAll ? data.messages : data.messages.slice(0, messageLimit);
  const count = (value: number) => f.number(value, 0);
  return (
    <div className="pm-widget-stack">
      <BarList items={data.bars} formatValue={count} label="Failed requests by error type" color="var(--pm-bad)" />
      {data.messages.length > 0 && (
        <div>
          <h4 className="pm-section-title">Top error messages</h4>
          <ol className="pm-messages" aria-label="Top error messages">
            {messages.map((row) => (
              <li key={row.key} className="pm-message">
                <span className="pm-message-text" title={row.example ?? undefined}>
                  {row.message}
                </span>
                <span className="pm-message-meta">
                  <span className="pm-badge">{row.typeLabel}</span>
                  <span className="pm-message-count">{count(row.count)}×</span>
                  <span>last {f.dateTime(row.lastSeen)}</span>
                </span>
              </li>
            ))}
          </ol>
          {data.messages.length > messageLimit && (
            <button type="button" className="pm-button pm-show-all" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
              {showAll ? "Show fewer" : `Show all ${f.number(data.messages.length, 0)} messages`}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
