import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createKey } from "../auth/api-keys.js";
import { ensureProject, findProject } from "../auth/projects.js";
import type { Store } from "../db/dialect/types.js";
import { adminProcedure, router } from "../trpc.js";

const ProjectRef = z.string().min(1).max(128);
const KeyKind = z.enum(["ingest", "read"]);

async function requireProject(store: Store, ref: string) {
  const project = await findProject(store, ref);
  if (!project) throw new TRPCError({ code: "NOT_FOUND", message: `no project named ${ref}` });
  return project;
}

export const projectsRouter = router({
  /** Creates a project (or returns the existing one of that name). */
  create: adminProcedure
    .input(z.object({ name: ProjectRef }))
    .mutation(async ({ ctx, input }) => ensureProject(ctx.services.store, input.name)),
  /** Every project with its monthly budget. */
  list: adminProcedure.query(async ({ ctx }) => {
    const rows = await ctx.services.store.db.selectFrom("projects").selectAll().orderBy("created_at").execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      monthlyBudgetUsd: r.monthly_budget_usd,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }),
  /** Sets (or clears with null) the monthly budget the cost forecast is compared against. */
  setBudget: adminProcedure
    .input(z.object({ project: ProjectRef, monthlyBudgetUsd: z.number().finite().min(0).nullable() }))
    .mutation(async ({ ctx, input }) => {
      const project = await requireProject(ctx.services.store, input.project);
      await ctx.services.store.db
        .updateTable("projects")
        .set({ monthly_budget_usd: input.monthlyBudgetUsd })
        .where("id", "=", project.id)
        .execute();
      return { id: project.id, monthlyBudgetUsd: input.monthlyBudgetUsd };
    }),
});

export const keysRouter = router({
  /** Creates a key; the answer's `key` is the only time it is ever shown. */
  create: adminProcedure.input(z.object({ project: ProjectRef, kind: KeyKind })).mutation(async ({ ctx, input }) => {
    const project = await requireProject(ctx.services.store, input.project);
    const created = await createKey(ctx.services.store, project.id, input.kind);
    return { ...created, projectId: project.id, kind: input.kind };
  }),
  /** A project's keys by prefix; secrets are never returned. */
  list: adminProcedure.input(z.object({ project: ProjectRef })).query(async ({ ctx, input }) => {
    const project = await requireProject(ctx.services.store, input.project);
    const rows = await ctx.services.store.db
      .selectFrom("api_keys")
      .selectAll()
      .where("project_id", "=", project.id)
      .orderBy("created_at")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      prefix: r.prefix,
      createdAt: new Date(r.created_at).toISOString(),
      revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString(),
    }));
  }),
  /** Revokes a key by id or prefix; it fails on the next request. */
  revoke: adminProcedure.input(z.object({ key: z.string().min(4).max(128) })).mutation(async ({ ctx, input }) => {
    const db = ctx.services.store.db;
    const matches = await db
      .selectFrom("api_keys")
      .select("id")
      .where((eb) => eb.or([eb("id", "=", input.key), eb("prefix", "=", input.key)]))
      .where("revoked_at", "is", null)
      .execute();
    // A prefix holds only a few random characters: never guess between keys (of any project) that share it.
    if (matches.length > 1) {
      throw new TRPCError({ code: "CONFLICT", message: `${matches.length} active keys match ${input.key}; revoke by id (see keys list)` });
    }
    const res = matches[0]
      ? await db
          .updateTable("api_keys")
          .set({ revoked_at: Date.now() })
          .where("id", "=", matches[0].id)
          .where("revoked_at", "is", null)
          .executeTakeFirst()
      : undefined;
    const revoked = Number(res?.numUpdatedRows ?? 0);
    if (revoked === 0) throw new TRPCError({ code: "NOT_FOUND", message: `no active key ${input.key}` });
    return { revoked };
  }),
});

const PriceOverrideInput = z.object({
  project: ProjectRef,
  model: z.string().min(1).max(128),
  /** Omit to apply to the model under any provider. */
  provider: z.string().max(64).default(""),
  inputPerMTok: z.number().finite().min(0),
  outputPerMTok: z.number().finite().min(0),
  cacheReadPerMTok: z.number().finite().min(0).nullable().default(null),
  cacheWritePerMTok: z.number().finite().min(0).nullable().default(null),
});

export const pricesRouter = router({
  /** Sets a project's price for a custom or fine-tuned model, in USD per million tokens. */
  set: adminProcedure.input(PriceOverrideInput).mutation(async ({ ctx, input }) => {
    const project = await requireProject(ctx.services.store, input.project);
    const row = {
      project_id: project.id,
      model: input.model,
      provider: input.provider,
      input_per_mtok: input.inputPerMTok,
      output_per_mtok: input.outputPerMTok,
      cache_read_per_mtok: input.cacheReadPerMTok,
      cache_write_per_mtok: input.cacheWritePerMTok,
      updated_at: Date.now(),
    };
    await ctx.services.store.db
      .insertInto("price_overrides")
      .values(row)
      .onConflict((oc) => oc.columns(["project_id", "model", "provider"]).doUpdateSet(row))
      .execute();
    ctx.services.prices.invalidate(project.id);
    return { ok: true as const };
  }),
  /** A project's price overrides. */
  list: adminProcedure.input(z.object({ project: ProjectRef })).query(async ({ ctx, input }) => {
    const project = await requireProject(ctx.services.store, input.project);
    const rows = await ctx.services.store.db.selectFrom("price_overrides").selectAll().where("project_id", "=", project.id).execute();
    return rows.map((r) => ({
      model: r.model,
      provider: r.provider,
      inputPerMTok: r.input_per_mtok,
      outputPerMTok: r.output_per_mtok,
      cacheReadPerMTok: r.cache_read_per_mtok,
      cacheWritePerMTok: r.cache_write_per_mtok,
    }));
  }),
  /** Removes an override; the registry price applies again. */
  delete: adminProcedure
    .input(z.object({ project: ProjectRef, model: z.string().min(1), provider: z.string().default("") }))
    .mutation(async ({ ctx, input }) => {
      const project = await requireProject(ctx.services.store, input.project);
      await ctx.services.store.db
        .deleteFrom("price_overrides")
        .where("project_id", "=", project.id)
        .where("model", "=", input.model)
        .where("provider", "=", input.provider)
        .execute();
      ctx.services.prices.invalidate(project.id);
      return { ok: true as const };
    }),
});
