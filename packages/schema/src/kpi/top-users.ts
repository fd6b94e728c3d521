import { z } from "zod";
import { KpiQuery } from "../query.js";
import { Rate } from "./common.js";

export const TOP_USERS_MAX = 100;

export const TopUsersInput = KpiQuery.extend({
  /** What to rank users by: request count, priced spend, or input + output tokens. */
  by: z.enum(["requests", "cost", "tokens"]).default("requests"),
  limit: z.number().int().min(1).max(TOP_USERS_MAX).default(10),
});
export type TopUsersInputValue = z.input<typeof TopUsersInput>;

/** The same user's figures over the previous period of equal length. */
export const TopUserPrevious = z.object({ requests: z.number(), costUsd: z.number(), tokens: z.number() });

export const TopUserRow = z.object({
  userId: z.string(),
  requests: z.number(),
  /** Sum over priced requests; unpriced ones are counted in `unpricedRequests`, never as $0. */
  costUsd: z.number(),
  unpricedRequests: z.number(),
  /** Input + output tokens (cache and reasoning tokens are part of those). */
  tokens: z.number(),
  errorRate: Rate,
  /** Feedback this user gave in the range. */
  feedbackCount: z.number(),
  avgScore: z.number().nullable(),
  /** The user's first and last request within the range. */
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Present when `compare` was asked. */
  previous: TopUserPrevious.nullable(),
});
export type TopUserRow = z.infer<typeof TopUserRow>;

export const TopUsersOutput = z.object({ rows: z.array(TopUserRow) });
export type TopUsersOutput = z.infer<typeof TopUsersOutput>;
