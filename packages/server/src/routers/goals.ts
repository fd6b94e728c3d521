import {
  Goal,
  GoalInput,
  GoalsDeleteInput,
  GoalsDeleteOutput,
  GoalsEvaluateInput,
  GoalsEvaluateOutput,
  GoalsListOutput,
} from "@promptmeter/schema";
import { z } from "zod";
import { deleteGoal, evaluateGoals, listGoals, upsertGoal } from "../queries/goals.js";
import { readProcedure, router } from "../trpc.js";

// Goals are dashboard configuration, not telemetry: the read key a dashboard holds may edit its project's goals.
export const goalsRouter = router({
  /** The project's goals, oldest first. */
  list: readProcedure
    .input(z.void())
    .output(GoalsListOutput)
    .query(async ({ ctx }) => ({ rows: await listGoals(ctx.services.store, ctx.projectId) })),
  /** Creates a goal (server-assigned id when absent) or replaces the goal with that id. */
  upsert: readProcedure
    .input(GoalInput)
    .output(Goal)
    .mutation(({ ctx, input }) => upsertGoal(ctx.services.store, ctx.projectId, input)),
  /** Deletes a goal; `deleted` is false when there was none with that id. */
  delete: readProcedure
    .input(GoalsDeleteInput)
    .output(GoalsDeleteOutput)
    .mutation(async ({ ctx, input }) => ({ deleted: await deleteGoal(ctx.services.store, ctx.projectId, input.id) })),
  /** Each goal's actual value over its trailing window ending now (or `at`), whether it is met, and by what margin. */
  evaluate: readProcedure
    .input(GoalsEvaluateInput)
    .output(GoalsEvaluateOutput)
    .query(({ ctx, input }) => evaluateGoals(ctx.services.store, ctx.projectId, input.at ?? Date.now())),
});
