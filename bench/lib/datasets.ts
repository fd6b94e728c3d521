import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LlmEvent, makeLlmEventSchema } from "@promptmeter/schema";
import { sql } from "kysely";
import pg from "pg";
import { ensureProject } from "../../packages/server/src/auth/projects.js";
import { sqliteMigrationDialect } from "../../packages/server/src/db/dialect/sqlite.js";
import type { EventBatch, Store } from "../../packages/server/src/db/dialect/types.js";
import { migrations } from "../../packages/server/src/db/migrations/index.js";
import { openStore } from "../../packages/server/src/db/open-store.js";
import { toEventRow } from "../../packages/server/src/ingest/event-row.js";
import { ingestFeedback } from "../../packages/server/src/ingest/ingest-feedback.js";
import { priceEvent } from "../../packages/server/src/pricing/price-event.js";
import { type GeneratedItem, generateEvents } from "../../packages/server/src/seed/generate.js";
import type { DialectChoice, SizeChoice } from "./options.js";

/** What every benchmark dataset is: one seeded product, 30 days ending at a fixed instant off the hour. */
export const DATASET = {
  seed: 42,
  days: 30,
  /** 2026-10-31 10:17 UTC: fixed so datasets are reusable; off the hour so KPI ranges have raw-event edges. */
  end: Date.UTC(2026, 9, 31, 10, 17),
  project: "bench",
  /** Bump when the loader or generator changes what a dataset holds. */
  version: 1,
  /** Events per writeEvents transaction while loading. */
  batch: 10_000,
} as const;

export const DATA_DIR = new URL("../data/", import.meta.url).pathname;
// biome-ignore lint/suspicious/noUndeclaredEnvVars: the bench runs outside turbo
export const PG_ADMIN_URL = process.env.PROMPTMETER_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface Dataset {
  dialect: DialectChoice;
  size: SizeChoice;
  /** What `--db` takes: a SQLite path or a postgres:// URL. */
  url: string;
  projectId: string;
  events: number;
  feedback: number;
  /** Wall time of the load that produced it (possibly an earlier run). */
  generationSeconds: number;
  reused: boolean;
  /** Migrations applied when it was opened (added since it was loaded), and how long they took. */
  upgrade: { migrations: string[]; seconds: number };
  range: { from: number; to: number };
}

interface Marker {
  key: string;
  events: number;
  feedback: number;
  generationSeconds: number;
}

/** Storage settings a dialect's files depend on beyond the migrations (SQLite's page size is fixed at creation). */
const STORAGE: Record<DialectChoice, string> = { sqlite: "|page-16k", postgres: "" };

/** Short hash of the migrations the current code runs (recorded in the results). */
export function schemaVersion(dialect: DialectChoice = "postgres"): string {
  const names = Object.keys(migrations(sqliteMigrationDialect)).sort().join(",");
  return createHash("sha256").update(`${names}|v${DATASET.version}${STORAGE[dialect]}`).digest("hex").slice(0, 8);
}

/**
 * A dataset is keyed by what it holds (seed, size, loader version, storage settings), not by the
 * migrations it was loaded under: later migrations upgrade it on open, backfilling their rollups
 * from the stored events the way they would upgrade a user's database, and that upgrade is timed.
 */
function datasetKey(size: SizeChoice, dialect: DialectChoice): string {
  const base = createHash("sha256").update(`v${DATASET.version}${STORAGE[dialect]}`).digest("hex").slice(0, 8);
  return `s${DATASET.seed}-${size.label}-${base}`;
}

/** Opens a dataset's store, running (and timing) any migration added since it was loaded. */
async function upgrade(url: string): Promise<{ migrations: string[]; seconds: number }> {
  const applied = async () => {
    const store = await openStore(url, { migrate: false });
    try {
      const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(store.db).catch(() => ({ rows: [] }));
      return new Set(rows.rows.map((r) => r.name));
    } finally {
      await store.close();
    }
  };
  const before = await applied();
  const started = performance.now();
  const store = await openStore(url);
  await store.close();
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const migrations = [...(await applied())].filter((n) => !before.has(n)).sort();
  if (migrations.length > 0) console.log(`  upgraded: ${migrations.join(", ")} applied in ${seconds} s`);
  return { migrations, seconds };
}

export function pgUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function pgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Returns the dataset, generating it first when it is missing, incomplete or built for another schema. */
export async function ensureDataset(dialect: DialectChoice, size: SizeChoice): Promise<Dataset> {
  return dialect === "sqlite" ? ensureSqliteDataset(size) : ensurePostgresDataset(size);
}

async function ensureSqliteDataset(size: SizeChoice): Promise<Dataset> {
  mkdirSync(DATA_DIR, { recursive: true });
  const key = datasetKey(size, "sqlite");
  const path = join(DATA_DIR, `sqlite-${key}.db`);
  const markerPath = `${path}.json`;
  let marker: Marker;
  let reused = true;
  if (existsSync(path) && existsSync(markerPath)) {
    marker = JSON.parse(readFileSync(markerPath, "utf8")) as Marker;
  } else {
    reused = false;
    const tmp = `${path}.loading`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    const store = await openStore(tmp);
    // A big page cache while loading only: the (project, user, ts) index is written in user order, not time order.
    await sql`PRAGMA cache_size = -524288`.execute(store.db);
    const loaded = await load(store, size, "sqlite");
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
    await store.close();
    renameSync(tmp, path);
    marker = { key, ...loaded };
    writeFileSync(markerPath, `${JSON.stringify(marker, null, 2)}\n`);
    console.log(`  sqlite file ${(statSync(path).size / 1e6).toFixed(0)} MB`);
  }
  const upgraded = await upgrade(path);
  const store = await openStore(path);
  const { id } = await ensureProject(store, DATASET.project);
  await store.close();
  return { dialect: "sqlite", size, url: path, projectId: id, ...counts(marker), reused, upgrade: upgraded, range: range() };
}

async function ensurePostgresDataset(size: SizeChoice): Promise<Dataset> {
  const key = datasetKey(size, "postgres");
  const database = `pm_bench_${size.label}`;
  const url = pgUrl(database);
  let marker = await pgAdmin(async (admin) => {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) return null;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const r = await client.query<{ value: string }>("SELECT value FROM bench_dataset WHERE key = 'dataset'");
      const m = r.rows[0] ? (JSON.parse(r.rows[0].value) as Marker) : null;
      return m?.key === key ? m : null;
    } catch {
      return null;
    } finally {
      await client.end();
    }
  });
  const reused = marker !== null;
  if (!marker) {
    await pgAdmin(async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${database}`);
    });
    const store = await openStore(url);
    const loaded = await load(store, size, "postgres");
    // A bulk load rewrites each daily rollup row ~1,000 times within minutes, faster than autovacuum
    // reclaims the dead versions: compact the rollups once, as steady ingest with autovacuum keeps them.
    console.log("  VACUUM FULL on the rollups, then VACUUM ANALYZE (what autovacuum would do after a load)…");
    const rollups = await sql<{ relname: string }>`SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE 'rollup%'`.execute(
      store.db,
    );
    for (const { relname } of rollups.rows) await sql`VACUUM FULL ${sql.table(relname)}`.execute(store.db);
    await sql`VACUUM ANALYZE`.execute(store.db);
    marker = { key, ...loaded };
    await sql`CREATE TABLE bench_dataset (key text PRIMARY KEY, value text NOT NULL)`.execute(store.db);
    await sql`INSERT INTO bench_dataset VALUES ('dataset', ${JSON.stringify(marker)})`.execute(store.db);
    await store.close();
  }
  const upgraded = await upgrade(url);
  const store = await openStore(url);
  const { id } = await ensureProject(store, DATASET.project);
  await store.close();
  return { dialect: "postgres", size, url, projectId: id, ...counts(marker), reused, upgrade: upgraded, range: range() };
}

function counts(m: Marker) {
  return { events: m.events, feedback: m.feedback, generationSeconds: m.generationSeconds };
}

/** The KPI range: the dataset's 30 days. */
export function range(): { from: number; to: number } {
  return { from: DATASET.end - DATASET.days * 86_400_000, to: DATASET.end };
}

/** The generator's events as stored rows: priced like ingest, and checked against the schema on a sample. */
export function eventRowOf(projectId: string, e: GeneratedItem["event"]) {
  const v = e as unknown as LlmEvent;
  const cost = priceEvent({
    provider: v.provider,
    model: v.model,
    usage: v.usage,
    costUsd: v.costUsd,
    cacheHit: v.cacheHit,
    timestamp: e.timestamp,
  });
  return toEventRow(projectId, e.id, e.timestamp, v, cost);
}

const eventSchema = makeLlmEventSchema();

/** The generator already writes events with every default filled in; verify that on a sample instead of parsing 10M. */
function checkAgainstSchema(projectId: string, e: GeneratedItem["event"]): void {
  const parsed = eventSchema.parse(e);
  const noCost = { costUsd: 0, costSource: "computed" } as const;
  const a = JSON.stringify(toEventRow(projectId, e.id, e.timestamp, parsed, noCost));
  const b = JSON.stringify(toEventRow(projectId, e.id, e.timestamp, e as unknown as LlmEvent, noCost));
  if (a !== b) throw new Error(`generated event ${e.id} differs from its validated form:\n${a}\n${b}`);
}

/** Streams the seeded dataset into a store through its own writeEvents, DATASET.batch events per transaction. */
async function load(store: Store, size: SizeChoice, dialect: DialectChoice): Promise<Omit<Marker, "key">> {
  const { id: projectId } = await ensureProject(store, DATASET.project);
  console.log(`  generating ${size.label} events (${size.events.toLocaleString("en-US")}) into ${dialect}…`);
  const started = performance.now();
  let lastPrint = started;
  let batch: EventBatch = { projectId, rows: [], payloads: [] };
  let feedback: NonNullable<GeneratedItem["feedback"]>[] = [];
  let events = 0;
  let storedFeedback = 0;
  const flush = async () => {
    if (batch.rows.length > 0) events += (await store.writeEvents(batch)).inserted;
    if (feedback.length > 0) storedFeedback += (await ingestFeedback(store, projectId, feedback)).accepted;
    batch = { projectId, rows: [], payloads: [] };
    feedback = [];
    const now = performance.now();
    if (now - lastPrint > 5_000 || events === size.events) {
      lastPrint = now;
      const seconds = (now - started) / 1000;
      const rate = events / seconds;
      const eta = (size.events - events) / rate;
      console.log(
        `    ${((100 * events) / size.events).toFixed(1)}% ${events.toLocaleString("en-US")} events · ${Math.round(rate).toLocaleString("en-US")}/s · ${seconds.toFixed(0)} s elapsed · ~${eta.toFixed(0)} s left`,
      );
    }
  };
  let seen = 0;
  for (const item of generateEvents({ seed: DATASET.seed, events: size.events, days: DATASET.days, end: DATASET.end })) {
    const e = item.event;
    if (seen++ < 2_000) checkAgainstSchema(projectId, e);
    batch.rows.push(eventRowOf(projectId, e));
    if (e.input !== undefined || e.output !== undefined) {
      batch.payloads.push({
        event_id: e.id,
        input: e.input === undefined ? null : JSON.stringify(e.input),
        output: e.output === undefined ? null : JSON.stringify(e.output),
      });
    }
    if (item.feedback) feedback.push(item.feedback);
    if (batch.rows.length === DATASET.batch) await flush();
  }
  await flush();
  // Reliability hours are rebuilt lazily from ingest's marks; build them as part of the load (like ANALYZE after it).
  await store.refreshReliability(projectId, 0, Number.MAX_SAFE_INTEGER);
  const generationSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(
    `  generated ${events.toLocaleString("en-US")} events and ${storedFeedback.toLocaleString("en-US")} feedback in ${generationSeconds} s`,
  );
  return { events, feedback: storedFeedback, generationSeconds };
}
