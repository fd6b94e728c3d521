import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { keysRouter, pricesRouter, projectsRouter } from "./routers/admin.js";
import { goalsRouter } from "./routers/goals.js";
import { ingestRouter } from "./routers/ingest.js";
import { kpiRouter } from "./routers/kpi.js";
import { logsRouter } from "./routers/logs.js";
import { router } from "./trpc.js";

/** The whole Promptmeter API. */
export const appRouter = router({
  ingest: ingestRouter,
  kpi: kpiRouter,
  goals: goalsRouter,
  logs: logsRouter,
  projects: projectsRouter,
  keys: keysRouter,
  prices: pricesRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
