/** A time as the API sends it (ISO string) or as JS holds it. */
export type TimeLike = string | number | Date;

/** Locale-aware formatters; every one shows "—" for null, undefined or NaN (an unknown is never shown as 0). */
export interface Formatters {
  /** The BCP 47 locale these formatters use. */
  locale: string;
  /** The IANA time zone dates are shown in. */
  timeZone: string;
  /** 1,234.5 */
  number(value: number | null | undefined, maximumFractionDigits?: number): string;
  /** 1.2K, 3.4M */
  compact(value: number | null | undefined): string;
  /** $1,234.56, $0.0042 (small amounts keep two significant digits) */
  currency(value: number | null | undefined): string;
  /** $1.2K */
  compactCurrency(value: number | null | undefined): string;
  /** A fraction 0–1 as 12.3 % */
  percent(value: number | null | undefined): string;
  /** Milliseconds as 850 ms, 1.2 s, 2.5 min or 1.5 hr */
  duration(ms: number | null | undefined): string;
  /** Nov 23 */
  date(t: TimeLike): string;
  /** 14:00 or 2:00 PM, as the locale writes it */
  time(t: TimeLike): string;
  /** Nov 23, 14:00 */
  dateTime(t: TimeLike): string;
  /** Axis label of a bucket start: time of day for sub-day steps, else the date. */
  bucketTick(t: TimeLike, stepMs: number): string;
  /** Tooltip label of a bucket: `Nov 23, 14:00` for sub-day steps, `Nov 23` for days, `Week of Nov 17` for weeks. */
  bucketLabel(t: TimeLike, stepMs: number): string;
}

const DASH = "—";
const HOUR = 3_600_000;
const DAY = 86_400_000;
const cache = new Map<string, Formatters>();

function isNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && !Number.isNaN(value);
}

function toDate(t: TimeLike): Date {
  return t instanceof Date ? t : new Date(t);
}

/** Formatters for a locale and time zone; instances are cached because `Intl` constructors are slow. */
export function createFormatters(locale = "en-US", timeZone = "UTC"): Formatters {
  const cacheKey = `${locale}|${timeZone}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = numberFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numberFormats.set(digits, format);
    }
    return format;
  };
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const usd = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const usdSmall = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumSignificantDigits: 2 });
  const usdCompact = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const percentSmall = new Intl.NumberFormat(locale, { style: "percent", maximumSignificantDigits: 2 });
  const unit = (name: string, digits: number) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: digits });
  const ms = unit("millisecond", 0);
  const seconds = unit("second", 1);
  const minutes = unit("minute", 1);
  const hours = unit("hour", 1);
  const date = new Intl.DateTimeFormat(locale, { timeZone, month: "short", day: "numeric" });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit" });
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

  const formatters: Formatters = {
    locale,
    timeZone,
    number: (value, digits = 1) => (isNumber(value) ? numberFormat(digits).format(value) : DASH),
    compact: (value) => (isNumber(value) ? compact.format(value) : DASH),
    currency: (value) => {
      if (!isNumber(value)) return DASH;
      return value !== 0 && Math.abs(value) < 1 ? usdSmall.format(value) : usd.format(value);
    },
    compactCurrency: (value) => {
      if (!isNumber(value)) return DASH;
      return Math.abs(value) < 1_000 ? formatters.currency(value) : usdCompact.format(value);
    },
    percent: (value) => {
      if (!isNumber(value)) return DASH;
      return value !== 0 && Math.abs(value) < 0.001 ? percentSmall.format(value) : percent.format(value);
    },
    duration: (value) => {
      if (!isNumber(value)) return DASH;
      const abs = Math.abs(value);
      if (abs < 1_000) return ms.format(value);
      if (abs < 60_000) return seconds.format(value / 1_000);
      if (abs < HOUR) return minutes.format(value / 60_000);
      return hours.format(value / HOUR);
    },
    date: (t) => date.format(toDate(t)),
    time: (t) => time.format(toDate(t)),
    dateTime: (t) => dateTime.format(toDate(t)),
    bucketTick: (t, stepMs) => (stepMs < DAY ? time.format(toDate(t)) : date.format(toDate(t))),
    bucketLabel: (t, stepMs) => {
      if (stepMs < DAY) return dateTime.format(toDate(t));
      if (stepMs >= 7 * DAY - HOUR) return `Week of ${date.format(toDate(t))}`;
      return date.format(toDate(t));
    },
  };
  cache.set(cacheKey, formatters);
  return formatters;
}
