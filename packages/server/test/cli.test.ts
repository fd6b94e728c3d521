import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli.js";
import { openStore } from "../src/db/open-store.js";
import { createTestDatabase, DIALECTS, dialectAvailable } from "./dialects.js";
import { event } from "./fixtures.js";
import { getJson, postJson } from "./http-harness.js";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = fileURLToPath(new URL("./cli-entry.ts", import.meta.url));

/** Runs the CLI in process, capturing what it prints. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const capture = (sink: (text: string) => void) =>
    ((chunk: string | Uint8Array) => {
      sink(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof process.stdout.write;
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture((s) => (stdout += s)));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture((s) => (stderr += s)));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

/** `promptmeter serve` in its own process, from source; resolves once it prints its URL. */
function spawnServe(db: string): Promise<{ child: ChildProcess; base: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", ENTRY, "serve", "--db", db, "--port", "0"], {
    cwd: SERVER_DIR,
    env: { ...process.env, PROMPTMETER_LOG_LEVEL: "error" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stderr?.on("data", (d) => (stderr += d));
    child.stdout?.on("data", (d) => {
      stdout += d;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve({ child, base: match[1], exited });
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code} before listening: ${stdout}${stderr}`)));
  });
}

describe("promptmeter CLI without a store", () => {
  it("--help prints every command and exits 0", async () => {
    for (const args of [["--help"], ["help"], ["-h"]]) {
      const res = await cli(...args);
      expect(res.code).toBe(0);
      for (const command of ["serve", "migrate", "keys create", "keys list", "keys revoke", "--db", "postgres://"]) {
        expect(res.stdout).toContain(command);
      }
    }
  });

  it("no command, an unknown command or a bad flag prints usage and exits 2", async () => {
    expect((await cli()).code).toBe(2);
    const unknown = await cli("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command frobnicate");
    expect((await cli("keys", "create", "--nope")).code).toBe(2);
  });
});

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`promptmeter CLI on ${dialect}`, () => {
    let db: { url: string; cleanup(): Promise<void> };
    /** Left empty until `serve` first opens it. */
    let fresh: { url: string; cleanup(): Promise<void> };
    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      fresh = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      await db?.cleanup();
      await fresh?.cleanup();
    });

    it("migrate applies the schema to an empty store once, then reports it up to date", async () => {
      const first = await cli("migrate", "--db", db.url);
      expect(first).toMatchObject({ code: 0, stderr: "" });
      expect(lines(first.stdout)).toEqual([
        "applied: 2026-11-27-initial, 2026-11-27-rollups-daily-users, 2026-11-27b-read-paths, 2026-11-27c-rollup-feedback, 2026-11-27d-feedback-by-model, 2026-11-27e-minute-totals, 2026-11-27f-rollup-fillfactor, 2026-11-27g-error-messages, 2026-11-27h-reliability-hourly, 2026-11-27i-user-blocks, 2026-11-27i-user-feedback-index, 2026-11-27j-reliability-daily",
      ]);
      const again = await cli("migrate", "--db", db.url);
      expect(lines(again.stdout)).toEqual(["already up to date"]);
      // PROMPTMETER_DB stands in for --db.
      vi.stubEnv("PROMPTMETER_DB", db.url);
      try {
        expect(lines((await cli("migrate")).stdout)).toEqual(["already up to date"]);
      } finally {
        vi.unstubAllEnvs();
      }
    });

    it("serve migrates an empty store; keys create prints the key alone on the last line; serve accepts it until keys revoke", async () => {
      const served = await spawnServe(fresh.url);
      try {
        await exercise(fresh.url, served.base);
      } finally {
        served.child.kill("SIGTERM");
      }
      expect(await served.exited).toBe(0);
      const store = await openStore(fresh.url);
      try {
        const stored = await store.db.selectFrom("events").select("id").orderBy("id").execute();
        expect(stored.map((r) => r.id)).toEqual(["cli-1", "cli-2"]);
      } finally {
        await store.close();
      }
    });

    async function exercise(dbUrl: string, base: string) {
      expect((await getJson(`${base}/healthz`)).body).toEqual({ ok: true });
      // The store was migrated by serve: migrate has nothing left to do.
      expect(lines((await cli("migrate", "--db", dbUrl)).stdout)).toEqual(["already up to date"]);
      const created = await cli("keys", "create", "--project", "demo", "--kind", "ingest", "--db", dbUrl);
      expect(created.code).toBe(0);
      const key = lines(created.stdout).at(-1)!;
      expect(key).toMatch(/^pm_ingest_[0-9A-Za-z]{32}$/);
      const read = await cli("keys", "create", "--project", "demo", "--kind", "read", "--db", dbUrl);
      expect(lines(read.stdout).at(-1)).toMatch(/^pm_read_[0-9A-Za-z]{32}$/);

      const listed = await cli("keys", "list", "--project", "demo", "--db", dbUrl);
      expect(listed.code).toBe(0);
      const rows = lines(listed.stdout).map((l) => l.split("\t"));
      expect(rows.map((r) => r[1])).toEqual(["ingest", "read"]);
      expect(listed.stdout).not.toContain(key.slice(-24));
      const ingestKeyId = rows[0]![0]!;
      expect(key.startsWith(rows[0]![2]!.replace(/…$/, ""))).toBe(true);

      const batch = { events: [event({ id: "cli-1" }), event({ id: "cli-2", status: "error", errorType: "timeout" })] };
      const ok = await postJson(`${base}/v1/events`, batch, key);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });

      const revoked = await cli("keys", "revoke", ingestKeyId, "--db", dbUrl);
      expect(revoked.code).toBe(0);
      expect(lines(revoked.stdout)).toEqual(["revoked 1 key(s)"]);
      expect((await postJson(`${base}/v1/events`, { events: [event({ id: "cli-3" })] }, key)).status).toBe(401);
      const relisted = await cli("keys", "list", "--project", "demo", "--db", dbUrl);
      expect(lines(relisted.stdout)[0]).toContain("revoked");
      // Revoking it again finds no active key.
      expect((await cli("keys", "revoke", ingestKeyId, "--db", dbUrl)).code).toBe(1);
    }

    it("keys create refuses a missing or unknown kind and a missing project with exit 2", async () => {
      expect((await cli("keys", "create", "--project", "demo", "--db", db.url)).code).toBe(2);
      expect((await cli("keys", "create", "--project", "demo", "--kind", "admin", "--db", db.url)).code).toBe(2);
      expect((await cli("keys", "create", "--kind", "read", "--db", db.url)).code).toBe(2);
      expect((await cli("keys", "list", "--project", "no-such-project", "--db", db.url)).code).toBe(1);
    });
  });
}
