import { z } from "zod";
import { LIMITS } from "./limits.js";

// Only ISO-8601 strings: Date.parse alone also takes "1" (→ 2001-01-01), "March 7, 2024" or "2024-02-30".
const isoString = z.union([z.iso.datetime({ offset: true, local: true }), z.iso.date()]);
const zonelessDateTime = /T[\d:.]+$/;

/** Epoch ms of a strict ISO-8601 date or date-time; a date-time without an offset is UTC, never the server's zone. */
function parseIso(value: string): number {
  if (!isoString.safeParse(value).success) return Number.NaN;
  return Date.parse(zonelessDateTime.test(value) ? `${value}Z` : value);
}

/** ISO-8601 string or epoch milliseconds, normalized to epoch milliseconds. */
export const instant = z.union([z.number().finite(), z.string().min(1)]).transform((value, ctx) => {
  const ms = typeof value === "number" ? value : parseIso(value);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: "must be an ISO-8601 date or epoch milliseconds" });
    return z.NEVER;
  }
  return Math.trunc(ms);
});

/** An event time: an instant no earlier than 2000-01-01 and at most 24 h ahead of the server clock. */
export const eventTimestamp = instant.check((ctx) => {
  if (ctx.value < LIMITS.minTimestampMs) {
    ctx.issues.push({
      code: "custom",
      input: ctx.value,
      message: "must not be before 2000-01-01T00:00:00Z",
    });
  } else if (ctx.value > Date.now() + LIMITS.futureSkewMs) {
    ctx.issues.push({ code: "custom", input: ctx.value, message: "must not be more than 24 h in the future" });
  }
});
