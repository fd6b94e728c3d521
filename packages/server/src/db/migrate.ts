import { type Kysely, Migrator } from "kysely";
import type { MigrationDialect } from "./dialect/types.js";
import { migrations } from "./migrations/index.js";

/** Brings the schema up to date; safe to call on every start (already-applied steps are skipped). */
export async function migrateToLatest(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
