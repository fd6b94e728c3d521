import { mkdirSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { EVENT_COLUMNS } from "../../packages/server/src/db/columns.js";
import { openStore } from "../../packages/server/src/db/open-store.js";
import { generateEvents } from "../../packages/server/src/seed/generate.js";
import { DATA_DIR, DATASET, eventRowOf, pgAdmin, pgUrl } from "./datasets.js";
import { cpuSecondsOf } from "./machine.js";
import type { DialectChoice } from "./options.js";
import { type CliCommand, createKeyWithCli, startServer } from "./server-process.js";
import { type Spread, spread } from "./stats.js";

/** Events per POST and concurrent clients, as the issue states the figure. */
export const BATCH = 500;
export const CLIENTS = 4;
const WARMUP_BODIES = 8;
/** Ingest traffic is generated as one day of the product: a POST of 500 spans a few minutes, as live traffic does. */
const INGEST_DAYS = 1;

/** Unique, time-ordered events for the ingest runs (a different seed from the KPI datasets). */
export function ingestEvents(count: number) {
  const events = [];
  for (const item of generateEvents({ seed: 7, events: count, days: INGEST_DAYS, end: DATASET.end })) events.push(item.event);
  return events;
}

/** Serialized `{events: [...]}` bodies of BATCH events each, in time order. */
export function ingestBodies(events: ReturnType<typeof ingestEvents>): Buffer[] {
  const bodies: Buffer[] = [];
  for (let i = 0; i < events.length; i += BATCH) bodies.push(Buffer.from(JSON.stringify({ events: events.slice(i, i + BATCH) })));
  return bodies;
}

/**
 * The ingest ceiling: raw better-sqlite3 prepared single-row inserts, 10k rows per transaction,
 * into a fresh events table created by the real migrations (same columns and indexes), with the
 * store's own journal, sync, checkpoint and cache settings. Rows per second, one value per run.
 */
export async function measureCeiling(events: ReturnType<typeof ingestEvents>, runs: number): Promise<Spread & { cpuMicrosPerRow: Spread }> {
  const rows = events.map((e) => {
    const row = eventRowOf("p_benchmark", e);
    return EVENT_COLUMNS.map((c) => row[c]);
  });
  const dir = join(DATA_DIR, "ceiling");
  mkdirSync(dir, { recursive: true });
  const rates: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const path = join(dir, `ceiling-${run}.db`);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    // The same schema (real migrations) and the same connection settings as the store.
    const store = await openStore(path);
    const setting = async (name: string) =>
      Object.values((await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(store.db)).rows[0] ?? {})[0];
    const pragmas = {
      journal_mode: await setting("journal_mode"),
      synchronous: await setting("synchronous"),
      wal_autocheckpoint: await setting("wal_autocheckpoint"),
      cache_size: await setting("cache_size"),
    };
    await store.close();
    const conn = new BetterSqlite3(path);
    for (const [name, value] of Object.entries(pragmas)) conn.pragma(`${name} = ${value}`);
    const insert = conn.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(", ")}) VALUES (${EVENT_COLUMNS.map(() => "?").join(", ")})`);
    const insertMany = conn.transaction((chunk: unknown[][]) => {
      for (const r of chunk) insert.run(r);
    });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < rows.length; i += 10_000) insertMany(rows.slice(i, i + 10_000));
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / rows.length);
    conn.close();
    rates.push(rows.length / seconds);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    console.log(
      `    ceiling run ${run + 1}: ${Math.round(rows.length / seconds).toLocaleString("en-US")} rows/s (CPU ${cpu.at(-1)!.toFixed(1)} µs/row)`,
    );
  }
  return { ...spread(rates), cpuMicrosPerRow: spread(cpu) };
}

function post(agent: Agent, url: URL, key: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A fresh, empty database for one ingest run. */
async function freshDatabase(dialect: DialectChoice, run: number): Promise<{ db: string; cleanup(): Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = join(DATA_DIR, "ingest");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `ingest-${run}.db`);
    const files = [path, `${path}-wal`, `${path}-shm`];
    for (const f of files) rmSync(f, { force: true });
    return {
      db: path,
      cleanup: async () => {
        for (const f of files) rmSync(f, { force: true });
      },
    };
  }
  const name = "pm_bench_ingest";
  const drop = () => pgAdmin((a) => a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  await drop();
  await pgAdmin((a) => a.query(`CREATE DATABASE ${name}`));
  return { db: pgUrl(name), cleanup: async () => void (await drop()) };
}

export interface IngestRun {
  eventsPerSecond: number;
  seconds: number;
  events: number;
  /** Server CPU time per stored event (user + system): steadier than wall time on a busy machine. */
  serverCpuMicrosPerEvent: number;
}

/**
 * HTTP `POST /v1/events`: BATCH events per request from CLIENTS concurrent keep-alive clients on
 * loopback, against `promptmeter serve` in a child process on a fresh database each run.
 */
export async function measureHttpIngest(
  cli: CliCommand,
  dialect: DialectChoice,
  bodies: Buffer[],
  runs: number,
): Promise<Spread & { runs: IngestRun[] }> {
  const results: IngestRun[] = [];
  for (let run = 0; run < runs; run++) {
    const database = await freshDatabase(dialect, run);
    const key = await createKeyWithCli(cli, database.db, "ingest");
    const server = await startServer(cli, database.db);
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const url = new URL("/v1/events", server.url);
    try {
      const check = (r: { status: number; text: string }) => {
        if (r.status !== 200) throw new Error(`POST /v1/events answered ${r.status}: ${r.text.slice(0, 300)}`);
        return (JSON.parse(r.text) as { accepted: number }).accepted;
      };
      for (let i = 0; i < WARMUP_BODIES; i++) check(await post(agent, url, key, bodies[i]!));
      let next = WARMUP_BODIES;
      let accepted = 0;
      const cpuBefore = await cpuSecondsOf(server.pid);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < bodies.length) {
            const body = bodies[next++]!;
            // Not `accepted += check(await …)`: that reads `accepted` before the await and loses updates.
            const n = check(await post(agent, url, key, body));
            accepted += n;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const serverCpuMicrosPerEvent = (((await cpuSecondsOf(server.pid)) - cpuBefore) * 1e6) / accepted;
      const expected = (bodies.length - WARMUP_BODIES) * BATCH;
      if (accepted < expected * 0.99) throw new Error(`only ${accepted} of ~${expected} events accepted`);
      results.push({ eventsPerSecond: accepted / seconds, seconds, events: accepted, serverCpuMicrosPerEvent });
      console.log(
        `    ${dialect} run ${run + 1}: ${Math.round(accepted / seconds).toLocaleString("en-US")} events/s (${accepted} in ${seconds.toFixed(2)} s; server CPU ${serverCpuMicrosPerEvent.toFixed(1)} µs/event)`,
      );
    } finally {
      agent.destroy();
      await server.stop();
      await database.cleanup();
    }
  }
  return { ...spread(results.map((r) => r.eventsPerSecond)), runs: results };
}
