import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createKey } from "../src/auth/api-keys.js";
import { ensureProject } from "../src/auth/projects.js";
import { openStore } from "../src/db/open-store.js";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = fileURLToPath(new URL("./cli-entry.ts", import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Resolves when the process ends, with its exit code (null when killed) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote to stderr so far. */
  stderr(): string;
}

/** `promptmeter serve` from source in its own process; resolves once it prints its URL. */
export function spawnServe(db: string, options: { port?: number; env?: Record<string, string> } = {}): Promise<ServeProcess> {
  const args = ["--conditions=source", "--import", "tsx", ENTRY, "serve", "--db", db, "--port", String(options.port ?? 0)];
  const child = spawn(process.execPath, args, {
    cwd: SERVER_DIR,
    env: { ...process.env, PROMPTMETER_LOG_LEVEL: "error", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout?.on("data", (d) => {
      stdout += d;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve({ child, base: match[1], exited, stderr: () => stderr });
    });
    child.once("exit", (code, signal) => reject(new Error(`serve exited (${code ?? signal}) before listening: ${stdout}${stderr}`)));
  });
}

/** Migrates the store at `db` and creates a project with `ingestKeys` ingest keys and one read key. */
export async function prepareStore(
  db: string,
  project: string,
  ingestKeys = 1,
): Promise<{ projectId: string; ingest: string[]; read: string }> {
  const store = await openStore(db);
  try {
    const p = await ensureProject(store, project);
    const ingest: string[] = [];
    for (let i = 0; i < ingestKeys; i++) ingest.push((await createKey(store, p.id, "ingest")).key);
    return { projectId: p.id, ingest, read: (await createKey(store, p.id, "read")).key };
  } finally {
    await store.close();
  }
}
