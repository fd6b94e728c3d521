import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import BetterSqlite3 from "better-sqlite3";
import { build } from "esbuild";
import type { Dataset } from "./datasets.js";
import { rssOf } from "./machine.js";
import { kpiProcedures } from "./procedures.js";
import { type CliCommand, createKeyWithCli, startServer } from "./server-process.js";
import { type Spread, spread } from "./stats.js";

const ROOT = new URL("../../", import.meta.url).pathname;

export interface StoreSize {
  dialect: Dataset["dialect"];
  size: string;
  events: number;
  bytes: number;
  mbPerMillionEvents: number;
  /** Largest tables and indexes, bytes. */
  parts: Record<string, number>;
}

/** On-disk size of a dataset and what it is made of. */
export async function storeSize(dataset: Dataset, rawAll: (sql: string) => Promise<Record<string, unknown>[]>): Promise<StoreSize> {
  let bytes: number;
  const parts: Record<string, number> = {};
  if (dataset.dialect === "sqlite") {
    bytes = [dataset.url, `${dataset.url}-wal`].filter(existsSync).reduce((s, f) => s + statSync(f).size, 0);
    const conn = new BetterSqlite3(dataset.url, { readonly: true });
    try {
      for (const r of conn.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 12").all() as {
        name: string;
        bytes: number;
      }[])
        parts[r.name] = r.bytes;
    } catch {
      // dbstat is optional in SQLite builds.
    } finally {
      conn.close();
    }
  } else {
    bytes = Number((await rawAll("SELECT pg_database_size(current_database()) AS bytes"))[0]?.bytes);
    for (const r of await rawAll(
      "SELECT relname AS name, pg_total_relation_size(oid) AS bytes FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY bytes DESC LIMIT 12",
    ))
      parts[String(r.name)] = Number(r.bytes);
  }
  return {
    dialect: dataset.dialect,
    size: dataset.size.label,
    events: dataset.events,
    bytes,
    mbPerMillionEvents: bytes / 1e6 / (dataset.events / 1e6),
    parts,
  };
}

export interface BundleSize {
  skipped?: string;
  /** gzip bytes of the whole library (JS + CSS), react, react-dom and react-query external. */
  libraryGzip?: number;
  widgets?: Record<string, number>;
}

async function gzipOfBundle(entry: string): Promise<number> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    outdir: "/tmp/pm-bench-bundle",
    conditions: ["source"],
    jsx: "automatic",
    external: ["react", "react-dom", "react/jsx-runtime", "react-dom/client", "@tanstack/react-query"],
    logLevel: "silent",
  });
  return result.outputFiles.reduce((s, f) => s + gzipSync(f.contents, { level: 9 }).length, 0);
}

/** `@promptmeter/ui` minified + gzip, whole and per widget, when the package has a build. */
export async function uiBundleSize(): Promise<BundleSize> {
  const pkgPath = join(ROOT, "packages/ui/package.json");
  if (!existsSync(pkgPath)) return { skipped: "packages/ui does not exist" };
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.build) return { skipped: "packages/ui has no build script" };
  try {
    const libraryGzip = await gzipOfBundle(join(ROOT, "packages/ui/src/index.ts"));
    const widgets: Record<string, number> = {};
    const dir = join(ROOT, "packages/ui/src/widgets");
    if (existsSync(dir)) {
      for (const name of readdirSync(dir)) {
        const entry = join(dir, name, `${name}.tsx`);
        if (existsSync(entry)) widgets[name] = await gzipOfBundle(entry);
      }
    }
    return { libraryGzip, widgets };
  } catch (error) {
    return { skipped: `esbuild could not bundle packages/ui: ${(error as Error).message.split("\n")[0]}` };
  }
}

export interface ServingFigures {
  /** Largest RSS sampled every 100 ms while answering dashboard batches, MB. */
  rssMaxMb: number;
  /** The kernel's high-water mark of the process's RSS, MB. */
  hwmMb: number;
  /** One HTTP tRPC batch GET of every kpi.* procedure, wall time per run. */
  httpDashboardMs: Spread;
}

/** A GET without fetch's 300 s header timeout: a slow dashboard is a figure, not an error. */
function getText(url: URL, key: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { authorization: `Bearer ${key}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

/** Starts `promptmeter serve` on the dataset and answers batched dashboards over HTTP while sampling its RSS. */
export async function servingFigures(cli: CliCommand, dataset: Dataset, runs: number): Promise<ServingFigures> {
  const key = await createKeyWithCli(cli, dataset.url, "read");
  const server = await startServer(cli, dataset.url);
  let rssMaxMb = 0;
  const sampler = setInterval(async () => {
    const r = await rssOf(server.pid);
    if (r) rssMaxMb = Math.max(rssMaxMb, r.rssMb);
  }, 100);
  try {
    const procedures = kpiProcedures(dataset.range);
    const input = Object.fromEntries(procedures.map((p, i) => [String(i), p.input]));
    const url = new URL(`/trpc/${procedures.map((p) => p.path).join(",")}`, server.url);
    url.searchParams.set("batch", "1");
    url.searchParams.set("input", JSON.stringify(input));
    const times: number[] = [];
    for (let run = 0; run < Math.max(3, runs); run++) {
      const started = performance.now();
      const res = await getText(url, key);
      if (res.status !== 200 && res.status !== 207) throw new Error(`dashboard batch answered ${res.status}: ${res.text.slice(0, 300)}`);
      times.push(performance.now() - started);
    }
    const last = await rssOf(server.pid);
    return {
      rssMaxMb: Math.max(rssMaxMb, last?.rssMb ?? 0),
      hwmMb: last?.hwmMb ?? Number.NaN,
      httpDashboardMs: spread(times),
    };
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}
