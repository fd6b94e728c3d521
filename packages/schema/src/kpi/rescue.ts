import { z } from "zod";
import { KpiQuery } from "../query.js";
import { BucketTime, Rate } from "./common.js";

export const RescueInput = KpiQuery;

/** How often requests needed a retry or a fallback, and how often that saved them. */
export const RescueFigures = z.object({
  requests: z.number(),
  /** Requests with retries > 0. */
  retriedRequests: z.number(),
  /** Requests answered by a fallback model/provider. */
  fallbackRequests: z.number(),
  retryRate: Rate,
  fallbackRate: Rate,
  /** Requests with retries > 0 or a fallback: the rescue rate's denominator. */
  rescueAttempts: z.number(),
  /** Of those, the ones that ended in success. */
  rescued: z.number(),
  /** rescued / rescueAttempts. */
  rescueRate: Rate,
});
export type RescueFigures = z.infer<typeof RescueFigures>;

export const RescuePoint = RescueFigures.extend({ t: BucketTime });

export const RescueOutput = RescueFigures.extend({
  series: z.array(RescuePoint),
  /** The previous period of equal length, when `compare` was asked. */
  previous: RescueFigures.nullable(),
});
export type RescueOutput = z.infer<typeof RescueOutput>;
