import { z } from "zod";
import { LIMITS } from "./limits.js";

/** `POST /v1/events` body; events are validated one by one so one bad event does not sink the batch. */
export const EventsBody = z.object({
  events: z
    .array(z.unknown())
    .min(1, "must hold at least one event")
    .max(LIMITS.batchEvents, `must hold at most ${LIMITS.batchEvents} events`),
});
export type EventsBody = z.infer<typeof EventsBody>;

/** `POST /v1/feedback` body. */
export const FeedbackBody = z.object({
  feedback: z
    .array(z.unknown())
    .min(1, "must hold at least one feedback item")
    .max(LIMITS.batchEvents, `must hold at most ${LIMITS.batchEvents} feedback items`),
});
export type FeedbackBody = z.infer<typeof FeedbackBody>;

/** One invalid item of a batch: its index, the field path (dotted) and why. */
export const Rejection = z.object({ index: z.number().int(), path: z.string(), message: z.string() });
export type Rejection = z.infer<typeof Rejection>;

/** Answer to an ingest batch: stored, already-stored (same id) and rejected items. */
export const IngestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(Rejection),
});
export type IngestResult = z.infer<typeof IngestResult>;

/** Every error body of the HTTP API. */
export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiError = z.infer<typeof ApiError>;
