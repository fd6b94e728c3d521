import type { LastRange, TimeRangeInput } from "@promptmeter/schema";
import type { RouterOutputs } from "@promptmeter/server";

/** What `kpi.reliability` answers. */
export type ReliabilityData = RouterOutputs["kpi"]["reliability"];

/** A half-open time interval in epoch ms: what the incident strip spans. */
export interface Domain {
  from: number;
  to: number;
}

/** One incident placed on a strip: its times and its left edge and width as fractions of the strip. */
export interface IncidentMark {
  /** Stable identity (its start). */
  key: string;
  /** ISO start of the first down minute. */
  start: string;
  /** ISO end of the last down minute (exclusive). */
  end: string;
  minutes: number;
  /** Left edge, 0–1 of the strip. */
  left: number;
  /** Width, 0–1 of the strip (the view gives it a minimum in px so that one minute in 30 days still shows). */
  width: number;
}

/** One provider + model row of the Availability widget. */
export interface AvailabilityRow {
  /** Stable identity: provider + model. */
  key: string;
  provider: string;
  model: string;
  /** 0–1 over the row's minutes with traffic. */
  availability: number;
  incidents: IncidentMark[];
  /** Total length of its incidents in minutes. */
  incidentMinutes: number;
}

/** The Availability figures, ready to show. */
export interface AvailabilityViewData {
  /** Over every provider + model; null without traffic. */
  availability: number | null;
  /** The previous period's availability; undefined when not compared or unknown there. */
  previousAvailability: number | undefined;
  /** Compared, but the previous period had no traffic: no delta to show. */
  noPrevious: boolean;
  incidentCount: number;
  /** Least available first, as the procedure orders them. */
  rows: AvailabilityRow[];
  domain: Domain;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Length of each relative range, as the server resolves `{ last }` against its clock. */
export const LAST_RANGE_MS: Record<LastRange, number> = {
  "15m": 15 * MINUTE,
  "1h": HOUR,
  "24h": DAY,
  "7d": 7 * DAY,
  "30d": 30 * DAY,
  "90d": 90 * DAY,
};

/** Epoch ms of an instant as the API takes it: epoch ms, or ISO where a date-time without an offset is UTC. */
export function toEpoch(value: string | number): number {
  if (typeof value === "number") return value;
  return Date.parse(/T[\d:.]+$/.test(value) ? `${value}Z` : value);
}

/** The interval a query covered: an absolute range as given, a relative one ending at `now` (when the answer came). */
export function stripDomain(range: TimeRangeInput, now: number): Domain {
  if ("last" in range) return { from: now - LAST_RANGE_MS[range.last], to: now };
  return { from: toEpoch(range.from as string | number), to: toEpoch(range.to as string | number) };
}

/** Places incidents on a strip over `domain`, clipped to it; incidents wholly outside are dropped. */
export function placeIncidents(incidents: ReliabilityData["rows"][number]["incidents"], domain: Domain): IncidentMark[] {
  const span = domain.to - domain.from;
  if (!(span > 0)) return [];
  const marks: IncidentMark[] = [];
  for (const incident of incidents) {
    const start = Math.max(domain.from, Date.parse(incident.start));
    const end = Math.min(domain.to, Date.parse(incident.end));
    if (!(end > start)) continue;
    marks.push({
      key: incident.start,
      start: incident.start,
      end: incident.end,
      minutes: incident.minutes,
      left: (start - domain.from) / span,
      width: (end - start) / span,
    });
  }
  return marks.sort((a, b) => a.left - b.left);
}

/** Nothing to show: no provider + model had traffic in the range. */
export function isReliabilityEmpty(data: ReliabilityData): boolean {
  return data.rows.length === 0;
}

/** `kpi.reliability` → overall figures and one strip row per provider + model over `domain`. */
export function prepareAvailability(data: ReliabilityData, domain: Domain): AvailabilityViewData {
  return {
    availability: data.availability,
    previousAvailability: data.previous?.availability ?? undefined,
    noPrevious: data.previous !== null && data.previous.availability === null,
    incidentCount: data.incidentCount,
    domain,
    rows: data.rows.map((row) => ({
      key: `${row.provider}\u0000${row.model}`,
      provider: row.provider,
      model: row.model,
      availability: row.availability,
      incidents: placeIncidents(row.incidents, domain),
      incidentMinutes: row.incidents.reduce((sum, incident) => sum + incident.minutes, 0),
    })),
  };
}

const uptimeFormats = new Map<string, Intl.NumberFormat>();

/**
 * Availability as an uptime percentage with two decimals, rounded down: 99.996 % reads 99.99 %, never a
 * 100 % that hides a down minute (only a full 1 shows as 100.00 %).
 */
export function formatUptime(value: number | null | undefined, locale: string): string {
  if (value == null || Number.isNaN(value)) return "—";
  let format = uptimeFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
    uptimeFormats.set(locale, format);
  }
  // Round down in basis points (with a guard against 0.9999 * 10000 = 9998.999…).
  return format.format(Math.floor(value * 10_000 + 1e-9) / 10_000);
}

/** A time label of the strip: its instant and where it sits, 0–1 across the strip. */
export interface StripTick {
  t: number;
  at: number;
}

/**
 * Four or five labels across the domain at whole steps from its start (days for ranges of two days or
 * more, else hours, else minutes), so that a date label never stands half a day away from its date.
 */
export function stripTicks(domain: Domain): { ticks: StripTick[]; stepMs: number } {
  const span = domain.to - domain.from;
  if (!(span > 0)) return { ticks: [], stepMs: DAY };
  const unit = span >= 2 * DAY ? DAY : span >= 2 * HOUR ? HOUR : MINUTE;
  const stepMs = Math.max(1, Math.ceil(span / 4 / unit)) * unit;
  const ticks: StripTick[] = [];
  for (let t = domain.from; t <= domain.to; t += stepMs) ticks.push({ t, at: (t - domain.from) / span });
  return { ticks, stepMs };
}

const minuteFormats = new Map<string, Intl.NumberFormat>();

/** A whole number of minutes as the locale writes it ("90 min"). */
export function formatMinutes(minutes: number, locale: string): string {
  let format = minuteFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "short", maximumFractionDigits: 0 });
    minuteFormats.set(locale, format);
  }
  return format.format(minutes);
}
