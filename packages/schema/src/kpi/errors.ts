import { z } from "zod";
import { ErrorType } from "../event.js";
import { KpiQuery } from "../query.js";
import { BucketTime, Rate } from "./common.js";

export const ErrorsInput = KpiQuery;

/** Requests, failed requests and their share in one period. */
export const ErrorTotals = z.object({
  requests: z.number(),
  errors: z.number(),
  errorRate: Rate,
});
export type ErrorTotals = z.infer<typeof ErrorTotals>;

/** Failed requests of each error type (every type present, 0 when none). */
export const ErrorTypeCounts = z.record(ErrorType, z.number());
export type ErrorTypeCounts = z.infer<typeof ErrorTypeCounts>;

/** One gap-filled bucket: its error rate and failures per type. */
export const ErrorsPoint = ErrorTotals.extend({ t: BucketTime, types: ErrorTypeCounts });

export const ErrorTypeCount = z.object({ errorType: ErrorType, count: z.number() });

export const ModelErrorRate = z.object({
  provider: z.string(),
  model: z.string(),
  requests: z.number(),
  errors: z.number(),
  errorRate: Rate,
});

/** Failures whose messages differ only in numbers, ids or quoted values, grouped. */
export const ErrorMessageGroup = z.object({
  /** The normalized message (numbers → `<n>`, ids → `<id>`, quoted values → `'…'`); null for failures without a message. */
  message: z.string().nullable(),
  errorType: ErrorType,
  count: z.number(),
  /** ISO time of the group's latest failure. */
  lastSeen: z.string(),
  /** The latest message of the group as it was sent. */
  example: z.string().nullable(),
});

export const ReleaseErrorRate = z.object({
  /** null for requests that named no release. */
  release: z.string().nullable(),
  requests: z.number(),
  errors: z.number(),
  errorRate: Rate,
  /** ISO time of the release's first request in the range (after filters). */
  firstSeen: z.string(),
});

export const ErrorsOutput = ErrorTotals.extend({
  series: z.array(ErrorsPoint),
  /** Most frequent first. */
  byType: z.array(ErrorTypeCount),
  /** Most failures first. */
  byModel: z.array(ModelErrorRate),
  /** The 10 most frequent message groups. */
  topMessages: z.array(ErrorMessageGroup),
  /** In order of first appearance. */
  byRelease: z.array(ReleaseErrorRate),
  /** The previous period of equal length, when `compare` was asked. */
  previous: ErrorTotals.nullable(),
});
export type ErrorsOutput = z.infer<typeof ErrorsOutput>;
