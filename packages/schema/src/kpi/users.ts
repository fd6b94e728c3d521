import { z } from "zod";
import { KpiQuery } from "../query.js";
import { BucketTime } from "./common.js";

export const UsersInput = KpiQuery;

/** Active-user figures of one period; anonymous requests (no userId) never count as a user. */
export const UsersFigures = z.object({
  /** Distinct users with a request in the range. */
  uniqueUsers: z.number(),
  /** Mean over the local days the range touches of the distinct users active that day (days without traffic count as 0). */
  dau: z.number(),
  /** Distinct users in the 7 days ending at the range end (whatever the range length). */
  wau: z.number(),
  /** Distinct users in the 30 days ending at the range end (whatever the range length). */
  mau: z.number(),
  /**
   * dau / mau: how many of the month's users come back on a typical day; null when mau is 0.
   * At most 1 for ranges up to 30 days; a longer range whose busy days precede the MAU window can exceed it.
   */
  stickiness: z.number().min(0).nullable(),
  /** Users active in the range whose first request ever in the project falls in it. */
  newUsers: z.number(),
  /** Users active in the range who had been seen in the project before it (newUsers + returningUsers = uniqueUsers). */
  returningUsers: z.number(),
});
export type UsersFigures = z.infer<typeof UsersFigures>;

export const UsersOutput = UsersFigures.extend({
  /** Distinct active users per bucket. */
  series: z.array(z.object({ t: BucketTime, activeUsers: z.number() })),
  /** The previous period of equal length, when `compare` was asked. */
  previous: UsersFigures.nullable(),
});
export type UsersOutput = z.infer<typeof UsersOutput>;
