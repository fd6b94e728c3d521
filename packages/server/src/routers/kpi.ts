import { KpiQuery, OverviewOutput } from "@promptmeter/schema";
import { overview } from "../queries/overview.js";
import { toScope } from "../queries/scope.js";
import { readProcedure, router } from "../trpc.js";

/** Every KPI as a typed query over the caller's project (SPEC.md §4). */
export const kpiRouter = router({
  /** Headline figures: requests, rates, cost, tokens, latency, users, feedback; previous period with `compare`. */
  overview: readProcedure
    .input(KpiQuery)
    .output(OverviewOutput)
    .query(({ ctx, input }) => overview(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
});
