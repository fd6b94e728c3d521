import { z } from "zod";
import { KpiQuery } from "../query.js";
import { BucketTime, LatencySummary, PercentileMethod } from "./common.js";

export const LatencyInput = KpiQuery;

/** Latency (ms) over the eligible requests: successes, or those of `filters.status`. */
export const LatencyFigures = LatencySummary.extend({
  /** Requests the figures cover. */
  count: z.number(),
  /** Time to first token, over the eligible requests that reported one (streamed). */
  ttft: LatencySummary.extend({ count: z.number() }),
});
export type LatencyFigures = z.infer<typeof LatencyFigures>;

/** Null figures in a bucket without eligible requests. */
export const LatencyPoint = LatencySummary.extend({ t: BucketTime, count: z.number() });

/** One bar of the latency distribution: requests with fromMs ≤ latency < toMs. */
export const LatencyBin = z.object({ fromMs: z.number(), toMs: z.number(), count: z.number() });

export const LatencyOutput = LatencyFigures.extend({
  series: z.array(LatencyPoint),
  /**
   * Contiguous log-scale bins with round edges (about 20–30 over a typical spread). Counts come from
   * the 3 %-wide histogram buckets, so a request within 1.5 % of an edge may sit in the bin beside it.
   */
  histogram: z.array(LatencyBin),
  /** The previous period of equal length, when `compare` was asked. */
  previous: LatencyFigures.nullable(),
  percentiles: PercentileMethod,
});
export type LatencyOutput = z.infer<typeof LatencyOutput>;
