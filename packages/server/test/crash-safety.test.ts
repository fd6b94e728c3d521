import { type ChildProcess, fork } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openStore } from "../src/db/open-store.js";
import { Rng } from "../src/seed/random.js";
import { eventsUpTo } from "./crash/batches.js";
import type { Ack, ClientMessage } from "./crash/ingest-client.js";
import { createTestDatabase, DIALECTS, dialectAvailable } from "./dialects.js";
import { rollupMismatches } from "./rollup-expectations.js";
import { prepareStore, type ServeProcess, spawnServe } from "./server-process.js";

const CLIENT = fileURLToPath(new URL("./crash/ingest-client.ts", import.meta.url));
const KILLS = 5;
const SEED = 8;

/** A port free right now, so every restart of the server listens where the client keeps sending. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`crash safety on ${dialect}`, () => {
    it(`every acknowledged event is stored exactly once across ${KILLS} SIGKILLs of the server`, async () => {
      const db = await createTestDatabase(dialect);
      const rng = new Rng(SEED + (dialect === "sqlite" ? 0 : 1));
      let server: ServeProcess | undefined;
      let client: ChildProcess | undefined;
      try {
        const keys = await prepareStore(db.url, "crash");
        const port = await freePort();
        server = await spawnServe(db.url, { port });

        const acks: Ack[] = [];
        let fatal: string | null = null;
        const done = new Promise<number>((resolve) => {
          client = fork(CLIENT, [`http://127.0.0.1:${port}/v1/events`, keys.ingest[0]!, String(SEED)], {
            execArgv: ["--conditions=source", "--import", "tsx"],
            stdio: ["ignore", "inherit", "inherit", "ipc"],
          });
          client.on("message", (m: ClientMessage) => {
            if (m.type === "ack") acks.push(m);
            else if (m.type === "fatal") fatal = `client got ${m.status}: ${m.body}`;
            else resolve(m.batches);
          });
          client.once("exit", () => resolve(-1));
        });
        const ackedSince = async (count: number) => {
          for (let i = 0; acks.length < count && i < 3000 && fatal === null; i++) await sleep(10);
          expect(fatal).toBeNull();
          expect(acks.length, "the client makes progress").toBeGreaterThanOrEqual(count);
        };

        for (let kill = 0; kill < KILLS; kill++) {
          // Let the restarted server acknowledge something, then kill it at a seeded moment.
          await ackedSince(acks.length + 1);
          await sleep(rng.int(50, 600));
          server.child.kill("SIGKILL");
          expect(await server.exited).toEqual({ code: null, signal: "SIGKILL" });
          server = await spawnServe(db.url, { port });
        }
        await ackedSince(acks.length + 3);
        client?.send("stop");
        const batches = await done;
        expect(fatal).toBeNull();
        expect(batches).toBe(acks.length);
        expect(acks.map((a) => a.batch)).toEqual(acks.map((_, i) => i));

        const sent = eventsUpTo(SEED, acks.length - 1);
        const store = await openStore(db.url);
        try {
          const rows = await store.db.selectFrom("events").select("id").where("project_id", "=", keys.projectId).execute();
          const stored = rows.map((r) => r.id);
          // Exactly once: every acknowledged id is there, none twice, nothing else.
          expect(stored.length).toBe(sent.length);
          expect(new Set(stored)).toEqual(new Set(sent.map((e) => e.id)));
          // Rollups were committed with their events or not at all.
          expect(await rollupMismatches(store, keys.projectId, sent)).toEqual([]);
        } finally {
          await store.close();
        }
        const accepted = acks.reduce((n, a) => n + a.accepted, 0);
        const duplicates = acks.reduce((n, a) => n + a.duplicates, 0);
        expect(accepted + duplicates).toBe(sent.length);
        const resent = acks.filter((a) => a.attempts > 1);
        // Each kill left a batch to resend; a resend that found its batch stored answers duplicates.
        expect(resent.length).toBeGreaterThanOrEqual(KILLS);
        const storedBeforeAck = acks.filter((a) => a.duplicates > 0).length;
        console.info(
          `[crash ${dialect}] ${KILLS} SIGKILLs survived; ${sent.length} acknowledged events in ${acks.length} batches checked, each stored once; ` +
            `${resent.length} batches resent, ${storedBeforeAck} of them already committed before the kill`,
        );
      } finally {
        client?.kill("SIGKILL");
        server?.child.kill("SIGKILL");
        if (server) await server.exited;
        await db.cleanup();
      }
    }, 90_000);
  });
}
