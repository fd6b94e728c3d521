import { CostInput, CostOutput, KpiQuery, OverviewOutput, TokensInput, TokensOutput } from "@promptmeter/schema";
import { cost } from "../queries/cost.js";
import { overview } from "../queries/overview.js";
import { toScope } from "../queries/scope.js";
import { tokens } from "../queries/tokens.js";
import { readProcedure, router } from "../trpc.js";

/** Every KPI as a typed query over the caller's project (SPEC.md §4). */
export const kpiRouter = router({
  /** Headline figures: requests, rates, cost, tokens, latency, users, feedback; previous period with `compare`. */
  overview: readProcedure
    .input(KpiQuery)
    .output(OverviewOutput)
    .query(({ ctx, input }) => overview(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** Spend per bucket and per model, cost per request, and the month-end forecast against the budget. */
  cost: readProcedure
    .input(CostInput)
    .output(CostOutput)
    .query(({ ctx, input }) => cost(ctx.services.store, toScope(ctx.projectId, input), input)),
  /** The five token kinds per bucket and per model, per-request means and the cache read share. */
  tokens: readProcedure
    .input(TokensInput)
    .output(TokensOutput)
    .query(({ ctx, input }) => tokens(ctx.services.store, toScope(ctx.projectId, input), input)),
});
