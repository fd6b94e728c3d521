import { initTRPC, TRPCError } from "@trpc/server";
import type { Context } from "./context.js";

// Error answers never carry server stack traces, unless explicitly developing.
const t = initTRPC.context<Context>().create({ isDev: process.env.NODE_ENV === "development" });

export const router = t.router;
export const publicProcedure = t.procedure;

/** Procedures that write telemetry for the caller's project. */
export const ingestProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.access) throw new TRPCError({ code: "UNAUTHORIZED", message: "missing or invalid API key" });
  if (!ctx.access.canIngest) throw new TRPCError({ code: "FORBIDDEN", message: "this key cannot ingest; use an ingest key" });
  return next({ ctx: { ...ctx, projectId: ctx.access.projectId } });
});

/** Procedures that read the caller's project, and only it. */
export const readProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.access) throw new TRPCError({ code: "UNAUTHORIZED", message: "missing or invalid API key" });
  if (!ctx.access.canRead) throw new TRPCError({ code: "FORBIDDEN", message: "this key cannot read; use a read key" });
  return next({ ctx: { ...ctx, projectId: ctx.access.projectId } });
});

/** Project administration. */
export const adminProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.admin) throw new TRPCError({ code: "FORBIDDEN", message: "project administration needs the admin token" });
  return next();
});
