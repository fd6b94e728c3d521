import { parseArgs } from "node:util";
import { ensureProject } from "./auth/projects.js";
import { createPromptmeter } from "./create-promptmeter.js";
import { DEFAULT_DB, migrateStore, openStore } from "./db/open-store.js";
import { createNodeServer, listen, shutdown } from "./http/node-server.js";
import { logger } from "./logger.js";
import { appRouter } from "./router.js";
import { createProgressBar } from "./seed/progress-bar.js";
import { seedStore } from "./seed/seed-store.js";
import { serveOptionsFromEnv } from "./serve-env.js";

const HELP = `promptmeter — LLM logging and monitoring you embed in your own admin pages

Usage:
  promptmeter serve   [--db ./promptmeter.db | postgres://…] [--port 4318] [--host 127.0.0.1]
  promptmeter migrate [--db …]
  promptmeter seed    [--db …] [--events 200000] [--days 30] [--seed 42] [--project demo]
                      realistic demo data for a fictional product, through the real ingest path
  promptmeter keys create --project NAME --kind ingest|read [--db …]   prints the new key alone on the last line
  promptmeter keys list --project NAME [--db …]
  promptmeter keys revoke KEY_ID_OR_PREFIX [--db …]
  promptmeter projects create NAME | list | budget NAME USD|none [--db …]
  promptmeter prices set --project NAME --model M [--provider P] --input USD_PER_MTOK --output USD_PER_MTOK
                         [--cache-read USD_PER_MTOK] [--cache-write USD_PER_MTOK] [--db …]
  promptmeter prices list --project NAME | delete --project NAME --model M [--provider P] [--db …]

--db defaults to $PROMPTMETER_DB, else ${DEFAULT_DB}. A value starting with postgres:// or
postgresql:// selects PostgreSQL; anything else is a SQLite file path. serve migrates an empty store.
Set PROMPTMETER_ADMIN_TOKEN to allow projects.*, keys.* and prices.* over HTTP with that bearer token,
PROMPTMETER_REDACT=1 to redact emails, card numbers and API keys in payloads and error messages on ingest,
PROMPTMETER_CORS_ORIGINS (and PROMPTMETER_CORS_INGEST_ORIGINS for /v1/*) to let those browser origins call /trpc.
SIGTERM or SIGINT stops accepting, finishes the requests in flight, closes the store and exits 0.
`;

class UsageError extends Error {}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

const OPTIONS = {
  db: { type: "string" },
  port: { type: "string" },
  events: { type: "string" },
  days: { type: "string" },
  seed: { type: "string" },
  host: { type: "string" },
  project: { type: "string" },
  kind: { type: "string" },
  model: { type: "string" },
  provider: { type: "string" },
  input: { type: "string" },
  output: { type: "string" },
  "cache-read": { type: "string" },
  "cache-write": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`missing ${flag}`);
  return value;
}

function usd(value: string | undefined, flag: string): number {
  const n = Number(need(value, flag));
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} must be a number ≥ 0`);
  return n;
}

async function serve(db: string, port: number, host: string): Promise<number> {
  const pm = await createPromptmeter({ db, ...serveOptionsFromEnv(process.env) });
  const server = createNodeServer(pm.fetchHandler);
  const bound = await listen(server, port, host);
  logger.debug("promptmeter listening", { url: `http://${host}:${bound}`, dialect: pm.store.dialect });
  out(`Promptmeter listening on http://${host}:${bound} (${pm.store.dialect})`);
  await new Promise<void>((resolve) => {
    // Stop accepting, let in-flight batches finish, then close the store.
    const stop = () => void shutdown(server).then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await pm.close();
  logger.debug("promptmeter stopped");
  return 0;
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number ≥ 1`);
  return n;
}

async function seed(db: string, project: string, events: number, days: number, seedValue: number): Promise<number> {
  const pm = await createPromptmeter({ db });
  try {
    const { id } = await ensureProject(pm.store, project);
    const bar = createProgressBar("seeding", events);
    const started = Date.now();
    const stored = await seedStore(pm.services, id, { events, days, seed: seedValue }, (p) => bar.update(p.events));
    bar.done();
    const seconds = (Date.now() - started) / 1000;
    out(
      `seeded ${stored.events} events and ${stored.feedback} feedback into project ${project} in ${seconds.toFixed(1)} s (${Math.round(stored.events / seconds)} events/s)`,
    );
  } finally {
    await pm.close();
  }
  return 0;
}

async function admin(db: string, fn: (caller: ReturnType<typeof appRouter.createCaller>) => Promise<void>): Promise<number> {
  const pm = await createPromptmeter({ db });
  try {
    await fn(appRouter.createCaller(pm.createContext(null, true)));
  } finally {
    await pm.close();
  }
  return 0;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const [command, sub, arg] = positionals;
  if (v.help || !command || command === "help") {
    out(HELP);
    return command || v.help ? 0 : 2;
  }
  const db = v.db ?? process.env.PROMPTMETER_DB ?? DEFAULT_DB;
  try {
    switch (command) {
      case "serve": {
        const port = Number(v.port ?? process.env.PORT ?? 4318);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be 0–65535");
        return await serve(db, port, v.host ?? "127.0.0.1");
      }
      case "migrate": {
        const store = await openStore(db, { migrate: false });
        try {
          const applied = await migrateStore(store);
          out(applied.length ? `applied: ${applied.join(", ")}` : "already up to date");
        } finally {
          await store.close();
        }
        return 0;
      }
      case "seed":
        return await seed(
          db,
          v.project ?? "demo",
          positiveInt(v.events, "--events", 200_000),
          positiveInt(v.days, "--days", 30),
          positiveInt(v.seed, "--seed", 42),
        );
      case "projects":
        return await admin(db, async (c) => {
          if (sub === "create") {
            const p = await c.projects.create({ name: need(arg, "NAME") });
            out(`${p.created ? "created" : "exists"} ${p.name} ${p.id}`);
          } else if (sub === "list") {
            for (const p of await c.projects.list()) out(`${p.name}\t${p.id}\tbudget ${p.monthlyBudgetUsd ?? "none"}`);
          } else if (sub === "budget") {
            const raw = positionals[3];
            const budget = raw === "none" ? null : usd(raw, "USD");
            await c.projects.setBudget({ project: need(arg, "NAME"), monthlyBudgetUsd: budget });
            out(`budget ${budget ?? "none"}`);
          } else throw new UsageError("projects create|list|budget");
        });
      case "keys":
        return await admin(db, async (c) => {
          if (sub === "create") {
            const kind = need(v.kind, "--kind");
            if (kind !== "ingest" && kind !== "read") throw new UsageError("--kind must be ingest or read");
            const project = need(v.project, "--project");
            await c.projects.create({ name: project });
            const created = await c.keys.create({ project, kind });
            out(`Created ${kind} key ${created.prefix}… for project ${project}. It is shown once; store it now:`);
            out(created.key);
          } else if (sub === "list") {
            for (const k of await c.keys.list({ project: need(v.project, "--project") })) {
              out(`${k.id}\t${k.kind}\t${k.prefix}…\tcreated ${k.createdAt}${k.revokedAt ? `\trevoked ${k.revokedAt}` : ""}`);
            }
          } else if (sub === "revoke") {
            const r = await c.keys.revoke({ key: need(arg, "KEY_ID_OR_PREFIX").replace(/…$/, "") });
            out(`revoked ${r.revoked} key(s)`);
          } else throw new UsageError("keys create|list|revoke");
        });
      case "prices":
        return await admin(db, async (c) => {
          const project = need(v.project, "--project");
          if (sub === "set") {
            await c.prices.set({
              project,
              model: need(v.model, "--model"),
              provider: v.provider ?? "",
              inputPerMTok: usd(v.input, "--input"),
              outputPerMTok: usd(v.output, "--output"),
              cacheReadPerMTok: v["cache-read"] === undefined ? null : usd(v["cache-read"], "--cache-read"),
              cacheWritePerMTok: v["cache-write"] === undefined ? null : usd(v["cache-write"], "--cache-write"),
            });
            out(`price set for ${v.model}`);
          } else if (sub === "list") {
            for (const p of await c.prices.list({ project })) {
              out(
                `${p.provider || "*"}/${p.model}\tin ${p.inputPerMTok}\tout ${p.outputPerMTok}\tcache read ${p.cacheReadPerMTok ?? "-"}\tcache write ${p.cacheWritePerMTok ?? "-"}`,
              );
            }
          } else if (sub === "delete") {
            await c.prices.delete({ project, model: need(v.model, "--model"), provider: v.provider ?? "" });
            out(`price removed for ${v.model}`);
          } else throw new UsageError("prices set|list|delete");
        });
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`promptmeter: ${error.message}\n\n${HELP}`);
      return 2;
    }
    process.stderr.write(`promptmeter: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
