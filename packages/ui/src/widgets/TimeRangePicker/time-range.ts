import type { LastRange, TimeRangeInput } from "@promptmeter/schema";

/** The relative ranges the picker offers, with their short and spoken labels. */
export const RANGE_OPTIONS = [
  { last: "15m", short: "15m", label: "Last 15 minutes" },
  { last: "1h", short: "1h", label: "Last hour" },
  { last: "24h", short: "24h", label: "Last 24 hours" },
  { last: "7d", short: "7d", label: "Last 7 days" },
  { last: "30d", short: "30d", label: "Last 30 days" },
  { last: "90d", short: "90d", label: "Last 90 days" },
] as const satisfies ReadonlyArray<{ last: LastRange; short: string; label: string }>;

// Compile-time check that every LastRange of the schema has an option (fails if the schema adds one).
type MissingRange = Exclude<LastRange, (typeof RANGE_OPTIONS)[number]["last"]>;
const everyRangeOffered: [MissingRange] extends [never] ? true : MissingRange = true;
void everyRangeOffered;

const DAY = 86_400_000;

/** Whether a range is relative (`{ last }`) rather than absolute (`{ from, to }`). */
export function isRelativeRange(range: TimeRangeInput): range is { last: LastRange } {
  return "last" in range;
}

/** The offset of `timeZone` from UTC at `instant`, in ms (Paris in winter: +3,600,000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - (instant - (instant % 1000));
}

/** Epoch ms of local midnight starting the calendar day `YYYY-MM-DD` in `timeZone` (DST-safe). */
export function zonedMidnight(day: string, timeZone: string): number {
  const [y, m, d] = day.split("-").map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const first = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(first, timeZone);
  return second;
}

/** The calendar day `YYYY-MM-DD` that `instant` falls on in `timeZone`. */
export function zonedDay(instant: number, timeZone: string): string {
  return new Date(instant + zoneOffsetMs(instant, timeZone)).toISOString().slice(0, 10);
}

/** From the first day's midnight to the midnight after the last day, in `timeZone`; null when invalid or reversed. */
export function customRange(fromDay: string, toDay: string, timeZone: string): { from: string; to: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDay) || !/^\d{4}-\d{2}-\d{2}$/.test(toDay) || fromDay > toDay) return null;
  const from = zonedMidnight(fromDay, timeZone);
  // Next day's midnight: add a day to the date, not 24 h, so DST days keep their 23 or 25 hours.
  const nextDay = new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  const to = zonedMidnight(nextDay, timeZone);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The days shown in the custom inputs for an absolute range (the `to` midnight is exclusive). */
export function daysOfRange(range: { from: string | number; to: string | number }, timeZone: string): { from: string; to: string } {
  const from = typeof range.from === "number" ? range.from : Date.parse(range.from);
  const to = typeof range.to === "number" ? range.to : Date.parse(range.to);
  return { from: zonedDay(from, timeZone), to: zonedDay(Math.max(from, to - 1), timeZone) };
}

/** A range in words: "Last 7 days" or "Nov 9, 2026 – Nov 22, 2026". */
export function describeRange(range: TimeRangeInput, locale: string, timeZone: string): string {
  if (isRelativeRange(range)) return RANGE_OPTIONS.find((o) => o.last === range.last)?.label ?? `Last ${range.last}`;
  const days = daysOfRange(range, timeZone);
  const format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });
  const from = format.format(Date.parse(`${days.from}T00:00:00Z`));
  const to = format.format(Date.parse(`${days.to}T00:00:00Z`));
  return from === to ? from : `${from} – ${to}`;
}
