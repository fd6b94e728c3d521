import { z } from "zod";
import { KpiQuery } from "../query.js";

export const UsageFrequencyInput = KpiQuery;

export const ACTIVE_DAY_BUCKETS = ["1", "2-3", "4-7", "8-14", "15+"] as const;
/** A range of distinct active local days. */
export const ActiveDayBucket = z.enum(ACTIVE_DAY_BUCKETS);

/** Over the requests that carry a userId; days are local days in `timezone`. */
export const UsageFrequencyFigures = z.object({
  activeUsers: z.number(),
  /** Distinct (user, local day) pairs with a request. */
  userDays: z.number(),
  /** Requests with a userId. */
  requests: z.number(),
  /** requests / userDays. */
  requestsPerUserDay: z.number().nullable(),
  /** Users by their number of active days in the range, every bucket present. */
  byActiveDays: z.array(z.object({ bucket: ActiveDayBucket, users: z.number() })),
});
export type UsageFrequencyFigures = z.infer<typeof UsageFrequencyFigures>;

export const UsageFrequencyOutput = UsageFrequencyFigures.extend({
  /** The previous period of equal length, when `compare` was asked. */
  previous: UsageFrequencyFigures.nullable(),
});
export type UsageFrequencyOutput = z.infer<typeof UsageFrequencyOutput>;
