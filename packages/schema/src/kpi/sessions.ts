import { z } from "zod";
import { KpiQuery } from "../query.js";
import { Rate } from "./common.js";

export const SessionsInput = KpiQuery;

export const SESSION_DEPTHS = ["1", "2", "3-5", "6-10", "11+"] as const;
/** A range of requests per session. */
export const SessionDepth = z.enum(SESSION_DEPTHS);

/** Over the requests that carry a sessionId (only their requests inside the range count). */
export const SessionsFigures = z.object({
  sessions: z.number(),
  /** Requests with a sessionId. */
  requests: z.number(),
  avgRequestsPerSession: z.number().nullable(),
  /** (requests − sessions) / requests: the share of requests that were follow-ups. */
  repeatRate: Rate,
  /** Sessions with at least 2 requests. */
  sessionsWithFollowUp: z.number(),
  /** Sessions by number of requests, every depth present. */
  byRequests: z.array(z.object({ bucket: SessionDepth, sessions: z.number() })),
});
export type SessionsFigures = z.infer<typeof SessionsFigures>;

export const SessionsOutput = SessionsFigures.extend({
  /** The previous period of equal length, when `compare` was asked. */
  previous: SessionsFigures.nullable(),
});
export type SessionsOutput = z.infer<typeof SessionsOutput>;
