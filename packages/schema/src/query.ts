import { z } from "zod";
import { EventStatus } from "./event.js";
import { storedText } from "./stored-text.js";
import { instant } from "./timestamp.js";

export const LAST_RANGES = ["15m", "1h", "24h", "7d", "30d", "90d"] as const;
export const LastRange = z.enum(LAST_RANGES);
export type LastRange = z.infer<typeof LastRange>;

/** An absolute range (ISO or epoch ms) or one relative to now. */
export const TimeRange = z.union([
  z.object({ from: instant, to: instant }).refine((r) => r.from < r.to, { message: "from must be before to", path: ["from"] }),
  z.object({ last: LastRange }),
]);
export type TimeRangeInput = z.input<typeof TimeRange>;
export type TimeRange = z.output<typeof TimeRange>;

export const Bucket = z.enum(["minute", "hour", "day", "week", "auto"]);
export type Bucket = z.infer<typeof Bucket>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
/** An IANA time zone name such as `Europe/Paris`. */
export const TimeZone = z.string().max(64).refine(isTimeZone, { message: "must be an IANA time zone name" });

// Compared with stored text: a NUL or lone surrogate could never match, and PostgreSQL refuses a NUL outright.
const filterText = storedText(256).min(1);
/** Narrowing filters; never widen the caller's project scope. */
export const Filters = z.object({
  model: filterText.optional(),
  provider: filterText.optional(),
  userId: filterText.optional(),
  environment: filterText.optional(),
  feature: filterText.optional(),
  release: filterText.optional(),
  /** Events must carry all of these tags. */
  tags: z.array(storedText(64).min(1)).max(32).optional(),
  status: EventStatus.optional(),
});
export type Filters = z.infer<typeof Filters>;

/** Common input of every `kpi.*` procedure. */
export const KpiQuery = z.object({
  range: TimeRange.default({ last: "7d" }),
  timezone: TimeZone.default("UTC"),
  bucket: Bucket.default("auto"),
  filters: Filters.default({}),
  compare: z.boolean().default(false),
});
export type KpiQueryInput = z.input<typeof KpiQuery>;
export type KpiQuery = z.output<typeof KpiQuery>;
