import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Store } from "../src/db/dialect/types.js";
import { openStore } from "../src/db/open-store.js";

/** Every store test runs on each of these. */
export const DIALECTS = ["sqlite", "postgres"] as const;
export type TestDialect = (typeof DIALECTS)[number];

/** The admin connection used to create one fresh database per test store. */
export const PG_ADMIN_URL = process.env.PROMPTMETER_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** In CI PostgreSQL is required; elsewhere its cases are skipped with a message when it does not answer. */
export const postgresAvailable = await probePostgres();
if (!postgresAvailable) {
  if (process.env.CI) throw new Error(`PostgreSQL does not answer at ${PG_ADMIN_URL}; CI requires it`);
  console.warn(`[promptmeter tests] PostgreSQL does not answer at ${PG_ADMIN_URL}: PostgreSQL cases are skipped`);
}

/** Whether a dialect's cases run here (use with describe.runIf). */
export function dialectAvailable(dialect: TestDialect): boolean {
  return dialect === "sqlite" || postgresAvailable;
}

export interface TestStore {
  store: Store;
  /** The value one would pass as --db to reach this store. */
  url: string;
  cleanup(): Promise<void>;
}

/** A fresh, empty database (not migrated, nothing open on it): a temporary SQLite path, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: TestDialect): Promise<{ url: string; cleanup(): Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "pm-test-"));
    return { url: join(dir, "test.db"), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `pm_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    cleanup: async () => {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      // pg's Pool.end() resolves before its sockets close: wait for them, or FORCE kills a closing
      // client whose late FATAL message surfaces as an unhandled error in the test run.
      for (let i = 0; i < 50; i++) {
        const open = await a.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (open.rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A fresh, migrated store: a temporary SQLite file, or a new PostgreSQL database. */
export async function openTestStore(dialect: TestDialect): Promise<TestStore> {
  const database = await createTestDatabase(dialect);
  let store: Store;
  try {
    store = await openStore(database.url);
  } catch (error) {
    await database.cleanup();
    throw error;
  }
  return {
    store,
    url: database.url,
    cleanup: async () => {
      await store.close();
      await database.cleanup();
    },
  };
}
