import { EventsBody, FeedbackBody, IngestResult, LIMITS } from "@promptmeter/schema";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ingestFeedback } from "../ingest/ingest-feedback.js";
import { ingestProcedure, router } from "../trpc.js";

function failIfNoneValid(result: IngestResult): IngestResult {
  if (result.accepted === 0 && result.duplicates === 0 && result.rejected.length > 0) {
    const first = result.rejected[0];
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `no valid items; first: [${first?.index}] ${first?.path}: ${first?.message}`,
    });
  }
  return result;
}

/**
 * The batch bodies with the count ceiling lifted out of validation, so that an oversized batch is
 * answered PAYLOAD_TOO_LARGE (HTTP 413, as on /v1/*) instead of a generic validation error.
 */
const eventsBody = EventsBody.extend({ events: z.array(z.unknown()).min(1, "must hold at least one event") });
const feedbackBody = FeedbackBody.extend({ feedback: z.array(z.unknown()).min(1, "must hold at least one feedback item") });

function withinBatchLimit(items: readonly unknown[], field: string): void {
  if (items.length > LIMITS.batchEvents) {
    throw new TRPCError({
      code: "PAYLOAD_TOO_LARGE",
      message: `${field} holds ${items.length} items; the limit is ${LIMITS.batchEvents} per request`,
    });
  }
}

export const ingestRouter = router({
  /** Stores a batch of events (same body and answer as POST /v1/events). */
  events: ingestProcedure
    .input(eventsBody)
    .output(IngestResult)
    .mutation(async ({ ctx, input }) => {
      withinBatchLimit(input.events, "events");
      return failIfNoneValid(await ctx.services.events.ingest(ctx.projectId, input.events));
    }),
  /** Stores a batch of feedback (same body and answer as POST /v1/feedback). */
  feedback: ingestProcedure
    .input(feedbackBody)
    .output(IngestResult)
    .mutation(async ({ ctx, input }) => {
      withinBatchLimit(input.feedback, "feedback");
      return failIfNoneValid(await ingestFeedback(ctx.services.store, ctx.projectId, input.feedback));
    }),
});
