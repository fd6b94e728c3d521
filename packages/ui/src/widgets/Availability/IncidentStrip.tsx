"use client";
import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from "react";
import type { Formatters } from "../../primitives/format.js";
import { formatMinutes, type IncidentMark } from "./prepare.js";

export interface IncidentStripProps {
  /** Incidents placed on the strip (see `placeIncidents`). */
  incidents: readonly IncidentMark[];
  /** What the strip is about ("openai gpt-4o"), for the group's accessible name. */
  label: string;
  /** Formatters for the tooltip's times and duration. */
  formatters: Formatters;
}

/** How an incident reads in its tooltip and to a screen reader. */
export function describeIncident(incident: IncidentMark, f: Formatters): { start: string; end: string; duration: string } {
  return { start: f.dateTime(incident.start), end: f.dateTime(incident.end), duration: formatMinutes(incident.minutes, f.locale) };
}

const NEXT: Record<string, (i: number, last: number) => number> = {
  ArrowRight: (i, last) => Math.min(last, i + 1),
  ArrowDown: (i, last) => Math.min(last, i + 1),
  ArrowLeft: (i) => Math.max(0, i - 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * A time strip with each incident marked. The marks are buttons in a toolbar with one tab stop (roving
 * tabindex): arrow keys, Home and End move between them, and the focused or hovered one shows its tooltip.
 */
export function IncidentStrip({ incidents, label, formatters: f }: IncidentStripProps): ReactNode {
  const [focusIndex, setFocusIndex] = useState(0);
  const [active, setActive] = useState<number | null>(null);
  const marks = useRef<Array<HTMLButtonElement | null>>([]);
  const tooltipId = useId();
  const last = incidents.length - 1;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key === "Escape") return setActive(null);
    const move = NEXT[event.key];
    if (!move) return;
    event.preventDefault();
    const next = move(index, last);
    setFocusIndex(next);
    marks.current[next]?.focus();
  };

  const current = active === null ? undefined : incidents[active];
  const text = current ? describeIncident(current, f) : null;
  const anchor = current ? current.left + current.width / 2 : 0;

  if (incidents.length === 0) {
    return (
      <div className="pm-strip">
        <span className="pm-sr-only">No incidents for {label}</span>
      </div>
    );
  }
  return (
    // A toolbar: one tab stop, arrow keys between the marks (WAI-ARIA toolbar pattern).
    <div className="pm-strip" role="toolbar" aria-label={`Incidents of ${label}`}>
      {incidents.map((incident, i) => {
        const d = describeIncident(incident, f);
        return (
          <button
            key={incident.key}
            ref={(element) => {
              marks.current[i] = element;
            }}
            type="button"
            className="pm-strip-mark"
            tabIndex={i === Math.min(focusIndex, last) ? 0 : -1}
            aria-label={`Incident from ${d.start} to ${d.end}, ${d.duration}`}
            aria-describedby={active === i ? tooltipId : undefined}
            style={{ left: `min(${incident.left * 100}%, 100% - 3px)`, width: `max(3px, ${incident.width * 100}%)` }}
            onFocus={() => {
              setFocusIndex(i);
              setActive(i);
            }}
            onBlur={() => setActive(null)}
            onMouseEnter={() => setActive(i)}
            onMouseLeave={() => setActive((a) => (a === i && document.activeElement !== marks.current[i] ? null : a))}
            onKeyDown={(event) => onKeyDown(event, i)}
          />
        );
      })}
      {text && (
        <div
          id={tooltipId}
          role="tooltip"
          className="pm-tooltip pm-strip-tooltip"
          data-testid="pm-tooltip"
          style={{ left: `${anchor * 100}%`, transform: anchor > 0.5 ? "translateX(-100%)" : undefined }}
        >
          <div className="pm-tooltip-title">Incident</div>
          <div className="pm-tooltip-row">
            <span>Start</span>
            <span className="pm-tooltip-value">{text.start}</span>
          </div>
          <div className="pm-tooltip-row">
            <span>End</span>
            <span className="pm-tooltip-value">{text.end}</span>
          </div>
          <div className="pm-tooltip-row">
            <span>Down for</span>
            <span className="pm-tooltip-value">{text.duration}</span>
          </div>
        </div>
      )}
    </div>
  );
}
