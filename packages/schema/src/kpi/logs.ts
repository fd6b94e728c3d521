import { z } from "zod";
import { ErrorType, EventStatus, Payload } from "../event.js";
import { Sentiment } from "../feedback.js";
import { Filters, TimeRange } from "../query.js";

export const LOGS_PAGE_MAX = 200;

/** `logs.list` input: the KPI range and filters, a text search on errorMessage, and a page cursor. */
export const LogsListInput = z.object({
  range: TimeRange.default({ last: "7d" }),
  filters: Filters.default({}),
  /** Case-insensitive substring of errorMessage (% and _ match themselves). */
  q: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(LOGS_PAGE_MAX).default(50),
  /** `nextCursor` of the previous page; absent for the first (newest) page. */
  cursor: z.string().min(1).max(200).nullish(),
});
export type LogsListInputValue = z.input<typeof LogsListInput>;

/** A stored event as the API returns it: SPEC §1 fields in camelCase, absent values as null. */
export const LogRow = z.object({
  id: z.string(),
  timestamp: z.string(),
  provider: z.string(),
  model: z.string(),
  responseModel: z.string().nullable(),
  status: EventStatus,
  errorType: ErrorType.nullable(),
  errorMessage: z.string().nullable(),
  httpStatus: z.number().nullable(),
  usage: z.object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    cacheReadTokens: z.number(),
    cacheWriteTokens: z.number(),
    reasoningTokens: z.number(),
  }),
  /** null when unpriced (see costSource), never a made-up $0. */
  costUsd: z.number().nullable(),
  costSource: z.enum(["reported", "computed", "unpriced"]),
  latencyMs: z.number(),
  ttftMs: z.number().nullable(),
  streamed: z.boolean(),
  retries: z.number(),
  fallback: z.boolean(),
  fallbackFrom: z.string().nullable(),
  cacheHit: z.boolean(),
  /** (retries > 0 or fallback) and success. */
  rescued: z.boolean(),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  traceId: z.string().nullable(),
  feature: z.string().nullable(),
  environment: z.string(),
  release: z.string().nullable(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  /** Whether input/output payloads were stored (logs.get returns them). */
  hasPayload: z.boolean(),
});
export type LogRow = z.infer<typeof LogRow>;

export const LogsListOutput = z.object({
  rows: z.array(LogRow),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type LogsListOutput = z.infer<typeof LogsListOutput>;

/** A stored feedback record. */
export const FeedbackRecord = z.object({
  id: z.string(),
  timestamp: z.string(),
  eventId: z.string().nullable(),
  sessionId: z.string().nullable(),
  userId: z.string().nullable(),
  /** Normalized 0–1. */
  score: z.number(),
  thumbs: z.enum(["up", "down"]).nullable(),
  stars: z.number().nullable(),
  sentiment: Sentiment,
  comment: z.string().nullable(),
});
export type FeedbackRecord = z.infer<typeof FeedbackRecord>;

export const LogsGetInput = z.object({ id: z.string().min(1).max(128) });

export const LogDetail = LogRow.extend({
  /** The payloads as sent (text or chat messages); null when none was stored. */
  input: Payload.nullable(),
  output: Payload.nullable(),
  /** Feedback on this event, oldest first. */
  feedback: z.array(FeedbackRecord),
});
export type LogDetail = z.infer<typeof LogDetail>;

export const EXPORT_INCLUDES = ["payloads", "feedback"] as const;

/** `GET /v1/export` query, once its URL parameters are decoded. */
export const ExportQuery = z.object({
  range: TimeRange.default({ last: "7d" }),
  filters: Filters.default({}),
  /** Keep only events rated at least this (mean of their feedback scores), e.g. 0.7 for a fine-tuning set. */
  minScore: z.number().min(0).max(1).optional(),
  include: z.array(z.enum(EXPORT_INCLUDES)).default([]),
});
export type ExportQuery = z.output<typeof ExportQuery>;

/** One JSONL line of the export: the event, plus payloads and feedback when asked. */
export const ExportLine = LogRow.extend({
  input: Payload.nullable().optional(),
  output: Payload.nullable().optional(),
  feedback: z.array(FeedbackRecord).optional(),
});
export type ExportLine = z.infer<typeof ExportLine>;
