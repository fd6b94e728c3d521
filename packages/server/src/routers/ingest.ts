import { EventsBody, FeedbackBody, IngestResult } from "@promptmeter/schema";
import { TRPCError } from "@trpc/server";
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

export const ingestRouter = router({
  /** Stores a batch of events (same body and answer as POST /v1/events). */
  events: ingestProcedure
    .input(EventsBody)
    .output(IngestResult)
    .mutation(async ({ ctx, input }) => failIfNoneValid(await ctx.services.events.ingest(ctx.projectId, input.events))),
  /** Stores a batch of feedback (same body and answer as POST /v1/feedback). */
  feedback: ingestProcedure
    .input(FeedbackBody)
    .output(IngestResult)
    .mutation(async ({ ctx, input }) => failIfNoneValid(await ingestFeedback(ctx.services.store, ctx.projectId, input.feedback))),
});
