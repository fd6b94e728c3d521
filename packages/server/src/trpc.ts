import { initTRPC, TRPCError } from "@trpc/server";
import type { Context } from "./context.js";
import { unstorableTextPath } from "./unstorable-text.js";

// Error answers never carry server stack traces, unless explicitly developing.
const t = initTRPC.context<Context>().create({ isDev: process.env.NODE_ENV === "development" });

export const router = t.router;
export const publicProcedure = t.procedure;

/** Reads and admin calls compare their strings with stored text: one that no column can hold is a bad request, not a database error. */
const storableInput = t.middleware(async ({ next, getRawInput }) => {
  const path = unstorableTextPath(await getRawInput());
  if (path !== null) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `${path}: must not contain NUL (U+0000) or lone surrogates` });
  }
  return next();
});

/** Procedures that write telemetry for the caller's project. */
export const ingestProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.access) throw new TRPCError({ code: "UNAUTHORIZED", message: "missing or invalid API key" });
  if (!ctx.access.canIngest) throw new TRPCError({ code: "FORBIDDEN", message: "this key cannot ingest; use an ingest key" });
  return next({ ctx: { ...ctx, projectId: ctx.access.projectId } });
});

/** Procedures that read the caller's project, and only it. */
export const readProcedure = t.procedure
  .use(({ ctx, next }) => {
    if (!ctx.access) throw new TRPCError({ code: "UNAUTHORIZED", message: "missing or invalid API key" });
    if (!ctx.access.canRead) throw new TRPCError({ code: "FORBIDDEN", message: "this key cannot read; use a read key" });
    return next({ ctx: { ...ctx, projectId: ctx.access.projectId } });
  })
  .use(storableInput);

/** Project administration. */
export const adminProcedure = t.procedure
  .use(({ ctx, next }) => {
    if (!ctx.admin) throw new TRPCError({ code: "FORBIDDEN", message: "project administration needs the admin token" });
    return next();
  })
  .use(storableInput);
