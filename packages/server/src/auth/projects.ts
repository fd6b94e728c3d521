import { randomBytes } from "node:crypto";
import type { Store } from "../db/dialect/types.js";

/** Short random project ids: the id is repeated in every event row and index entry. */
function newProjectId(): string {
  return `p_${randomBytes(6).toString("base64url")}`;
}

/** Finds a project by name, creating it when absent. */
export async function ensureProject(store: Store, name: string): Promise<{ id: string; name: string; created: boolean }> {
  const existing = await store.db.selectFrom("projects").select(["id", "name"]).where("name", "=", name).executeTakeFirst();
  if (existing) return { ...existing, created: false };
  const id = newProjectId();
  await store.db
    .insertInto("projects")
    .values({ id, name, monthly_budget_usd: null, created_at: Date.now() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await store.db.selectFrom("projects").select(["id", "name"]).where("name", "=", name).executeTakeFirstOrThrow();
  return { ...row, created: row.id === id };
}

/** Resolves a project by id or name. */
export async function findProject(store: Store, idOrName: string) {
  return store.db
    .selectFrom("projects")
    .selectAll()
    .where((eb) => eb.or([eb("id", "=", idOrName), eb("name", "=", idOrName)]))
    .executeTakeFirst();
}
