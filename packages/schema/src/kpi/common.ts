import { z } from "zod";

/** A fraction 0–1, or null when its denominator is zero (no traffic is not a 0 % error rate). */
export const Rate = z.number().min(0).max(1).nullable();

/** Latency figures in ms; null when there were no eligible requests. */
export const LatencySummary = z.object({
  mean: z.number().nullable(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});
export type LatencySummary = z.infer<typeof LatencySummary>;

/**
 * How percentiles were computed: `histogram` = from the fixed log-bucket histogram (within
 * 1.5 % of exact), `exact` = nearest rank over every value.
 */
export const PercentileMethod = z.enum(["histogram", "exact"]);

/** The five token kinds; cache tokens are part of input, reasoning part of output. */
export const TokenTotals = z.object({
  input: z.number(),
  output: z.number(),
  cacheRead: z.number(),
  cacheWrite: z.number(),
  reasoning: z.number(),
});
export type TokenTotals = z.infer<typeof TokenTotals>;

/** ISO bucket start of a gap-filled series point. */
export const BucketTime = z.string();
