import { openPostgresStore, postgresMigrationDialect } from "./dialect/postgres.js";
import { openSqliteStore, sqliteMigrationDialect } from "./dialect/sqlite.js";
import type { Store } from "./dialect/types.js";
import { migrateToLatest } from "./migrate.js";

/** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else is a SQLite file path. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

export const DEFAULT_DB = "./promptmeter.db";

/** Opens the store named by `db` (or PROMPTMETER_DB), migrating it unless `migrate: false`. */
export async function openStore(db = process.env.PROMPTMETER_DB ?? DEFAULT_DB, options: { migrate?: boolean } = {}): Promise<Store> {
  const store = isPostgresUrl(db) ? openPostgresStore(db) : openSqliteStore(db);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db, store.dialect === "postgres" ? postgresMigrationDialect : sqliteMigrationDialect);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

/** Applies pending migrations to an open store. */
export function migrateStore(store: Store): Promise<string[]> {
  return migrateToLatest(store.db, store.dialect === "postgres" ? postgresMigrationDialect : sqliteMigrationDialect);
}
