import { LogDetail, LogsGetInput, LogsListInput, LogsListOutput } from "@promptmeter/schema";
import { TRPCError } from "@trpc/server";
import { decodeCursor, getLog, listLogs } from "../queries/logs.js";
import { resolveRange } from "../time/index.js";
import { readProcedure, router } from "../trpc.js";

export const logsRouter = router({
  /** Events newest first, filtered and searched by errorMessage, one cursor page at a time. */
  list: readProcedure
    .input(LogsListInput)
    .output(LogsListOutput)
    .query(({ ctx, input }) => {
      const cursor = input.cursor ? decodeCursor(input.cursor) : null;
      if (input.cursor && !cursor) throw new TRPCError({ code: "BAD_REQUEST", message: "cursor is not one this server returned" });
      return listLogs(ctx.services.store, ctx.projectId, resolveRange(input.range), {
        filters: input.filters,
        q: input.q,
        limit: input.limit,
        cursor,
      });
    }),
  /** One event with its input/output payloads and its feedback. */
  get: readProcedure
    .input(LogsGetInput)
    .output(LogDetail)
    .query(async ({ ctx, input }) => {
      const detail = await getLog(ctx.services.store, ctx.projectId, input.id);
      if (!detail) throw new TRPCError({ code: "NOT_FOUND", message: `no event ${input.id} in this project` });
      return detail;
    }),
});
