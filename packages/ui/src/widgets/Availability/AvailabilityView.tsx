"use client";
import { type ReactNode, useState } from "react";
import { Stat } from "../../primitives/Stat.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import { VisuallyHiddenTable } from "../../primitives/VisuallyHiddenTable.js";
import { IncidentStrip } from "./IncidentStrip.js";
import { type AvailabilityViewData, formatUptime, stripTicks } from "./prepare.js";

export interface AvailabilityViewProps {
  /** Prepared figures (see `prepareAvailability`). */
  data: AvailabilityViewData;
  /** Rows shown before "Show all" (default 8; the least available come first). */
  limit?: number;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of the strip's times (default the provider's). */
  timeZone?: string | undefined;
}

/** Overall uptime with its delta, then per provider + model its uptime and a strip of its incidents over the range. */
export function AvailabilityView({ data, limit = 8, locale, timeZone }: AvailabilityViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const [showAll, setShowAll] = useState(false);
  const uptime = (value: number | null | undefined) => formatUptime(value, f.locale);
  const rows = showAll ? data.rows : data.rows.slice(0, limit);
  const { ticks, stepMs } = stripTicks(data.domain);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Availability"
          value={data.availability}
          format={uptime}
          previous={data.previousAvailability}
          goodDirection="up"
          hint={
            <>
              of minutes with traffic
              {data.noPrevious && <span className="pm-hint-line">No data in the previous period</span>}
            </>
          }
          locale={locale}
        />
        <Stat
          label="Incidents"
          size="small"
          value={data.incidentCount}
          format={(value) => f.number(value, 0)}
          hint={`across ${f.number(data.rows.length, 0)} models`}
        />
      </div>
      <div className="pm-uptime">
        <div className="pm-uptime-row pm-uptime-axis" aria-hidden="true">
          <span />
          <span className="pm-uptime-ticks">
            {ticks.map(({ t, at }) => (
              <span key={t} style={{ left: `${at * 100}%` }} className={at === 0 ? "pm-tick-start" : at > 0.97 ? "pm-tick-end" : undefined}>
                {f.bucketTick(t, stepMs)}
              </span>
            ))}
          </span>
          <span className="pm-uptime-value">Uptime</span>
        </div>
        <ul className="pm-uptime-rows" aria-label="Availability by provider and model">
          {rows.map((row) => (
            <li key={row.key} className="pm-uptime-row">
              <span className="pm-uptime-name" title={`${row.provider} ${row.model}`}>
                <span className="pm-uptime-provider">{row.provider}</span> {row.model}
              </span>
              <IncidentStrip incidents={row.incidents} label={`${row.provider} ${row.model}`} formatters={f} />
              <span className="pm-uptime-value">{uptime(row.availability)}</span>
            </li>
          ))}
        </ul>
      </div>
      {data.rows.length > limit && (
        <button type="button" className="pm-button pm-show-all" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
          {showAll ? "Show fewer" : `Show all ${f.number(data.rows.length, 0)} models`}
        </button>
      )}
      <VisuallyHiddenTable
        caption="Availability by provider and model"
        columns={["Provider and model", "Uptime", "Incidents", "Minutes down"]}
        rows={data.rows.map((row) => [
          `${row.provider} ${row.model}`,
          uptime(row.availability),
          f.number(row.incidents.length, 0),
          f.number(row.incidentMinutes, 0),
        ])}
      />
    </div>
  );
}
