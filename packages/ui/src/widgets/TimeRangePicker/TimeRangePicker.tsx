"use client";
import type { LastRange } from "@promptmeter/schema";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { usePromptmeter } from "../../provider/use-promptmeter.js";
import { customRange, daysOfRange, describeRange, isRelativeRange, RANGE_OPTIONS, zonedDay } from "./time-range.js";

export interface TimeRangePickerProps {
  /** Which relative ranges to offer (default all: 15m, 1h, 24h, 7d, 30d, 90d). */
  options?: readonly LastRange[];
  /** Offer a custom from/to day range in the provider's time zone (default true). */
  allowCustom?: boolean;
  /** Accessible name of the control (default "Time range"). */
  label?: string;
}

/** Sets the provider's range for every widget beneath it: relative ranges as a segmented control, plus custom days. */
export function TimeRangePicker({ options, allowCustom = true, label = "Time range" }: TimeRangePickerProps): ReactNode {
  const { range, setRange, timezone, locale } = usePromptmeter();
  const name = useId();
  const offered = options ? RANGE_OPTIONS.filter((o) => options.includes(o.last)) : RANGE_OPTIONS;
  const relative = isRelativeRange(range);
  const [customOpen, setCustomOpen] = useState(!relative);
  // The custom inputs start on the current absolute range, or on the last seven days.
  const [initialDays] = useState(() =>
    relative ? { from: zonedDay(Date.now() - 6 * 86_400_000, timezone), to: zonedDay(Date.now(), timezone) } : daysOfRange(range, timezone),
  );
  const [fromDay, setFromDay] = useState(initialDays.from);
  const [toDay, setToDay] = useState(initialDays.to);
  const draft = customRange(fromDay, toDay, timezone);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft) setRange(draft);
  };

  return (
    <div className="pm-control">
      <fieldset className="pm-control">
        <legend className="pm-sr-only">{label}</legend>
        <div className="pm-segmented">
          {offered.map((option) => (
            <label key={option.last} className="pm-segment">
              <input
                type="radio"
                name={name}
                value={option.last}
                checked={!customOpen && relative && range.last === option.last}
                onChange={() => {
                  setCustomOpen(false);
                  setRange({ last: option.last });
                }}
              />
              <span>
                <span aria-hidden="true">{option.short}</span>
                <span className="pm-sr-only">{option.label}</span>
              </span>
            </label>
          ))}
          {allowCustom && (
            <label className="pm-segment">
              <input type="radio" name={name} value="custom" checked={customOpen} onChange={() => setCustomOpen(true)} />
              <span>Custom</span>
            </label>
          )}
        </div>
      </fieldset>
      {allowCustom && customOpen && (
        <form className="pm-custom-range" onSubmit={apply} aria-label="Custom range">
          <label className="pm-field">
            From
            <input className="pm-input" type="date" value={fromDay} max={toDay} onChange={(e) => setFromDay(e.target.value)} />
          </label>
          <label className="pm-field">
            To
            <input className="pm-input" type="date" value={toDay} min={fromDay} onChange={(e) => setToDay(e.target.value)} />
          </label>
          <button type="submit" className="pm-button" disabled={!draft}>
            Apply
          </button>
        </form>
      )}
      <span className="pm-sr-only" aria-live="polite">
        {describeRange(range, locale, timezone)}
      </span>
    </div>
  );
}
