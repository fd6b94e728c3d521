import { z } from "zod";
import { KpiQuery } from "../query.js";
import { BucketTime } from "./common.js";

export const ThroughputInput = KpiQuery;

/** Request volume of one period. */
export const ThroughputFigures = z.object({
  requests: z.number(),
  success: z.number(),
  error: z.number(),
  /** requests / minutes in the range. */
  meanPerMinute: z.number(),
  /** Most requests seen in one clock minute of the range (0 without traffic). */
  peakPerMinute: z.number(),
  /** Start of that minute (the earliest on a tie); null without traffic. */
  peakMinute: z.string().nullable(),
});
export type ThroughputFigures = z.infer<typeof ThroughputFigures>;

export const ThroughputPoint = z.object({ t: BucketTime, requests: z.number(), success: z.number(), error: z.number() });

export const ThroughputOutput = ThroughputFigures.extend({
  series: z.array(ThroughputPoint),
  /** The previous period of equal length, when `compare` was asked. */
  previous: ThroughputFigures.nullable(),
});
export type ThroughputOutput = z.infer<typeof ThroughputOutput>;
