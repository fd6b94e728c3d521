import { z } from "zod";
import { LIMITS } from "./limits.js";

/** ISO-8601 string or epoch milliseconds, normalized to epoch milliseconds. */
export const instant = z.union([z.number().finite(), z.string().min(1)]).transform((value, ctx) => {
  const ms = typeof value === "number" ? value : Date.parse(value);
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
