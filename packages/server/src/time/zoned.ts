/** Calendar fields of an instant as seen on a wall clock in some time zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const HOUR = 3_600_000;
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const offsetCache = new Map<string, number>();

/**
 * Offset of `timeZone` from UTC at instant `ts`, in ms. Cached per zone and quarter hour:
 * every real zone's offset changes only on quarter-hour boundaries.
 */
export function zoneOffset(ts: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const quarter = Math.floor(ts / (HOUR / 4));
  const key = `${timeZone}\u0000${quarter}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const p = localParts(quarter * (HOUR / 4), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  const offset = asUtc - quarter * (HOUR / 4);
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Wall-clock fields of `ts` in `timeZone`. */
export function localParts(ts: number, timeZone: string): LocalParts {
  if (timeZone === "UTC") {
    const d = new Date(ts);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      weekday: (d.getUTCDay() + 6) % 7,
    };
  }
  const out: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ts)) out[part.type] = part.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    weekday: WEEKDAYS[out.weekday ?? "Mon"] ?? 0,
  };
}

/**
 * The instant at which the wall clock in `timeZone` shows the given fields. In a DST gap
 * (a wall time that never happens) the instant just after the gap is returned.
 */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - zoneOffset(wall, timeZone);
  // Two refinements settle any zone: the offset at the guess may differ from the offset at `wall`.
  for (let i = 0; i < 2; i++) {
    const next = wall - zoneOffset(guess, timeZone);
    if (next === guess) break;
    guess = next;
  }
  return guess;
}
