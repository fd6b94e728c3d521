import { describe, expect, it } from "vitest";
import { openStore } from "../src/db/open-store.js";
import { createTestDatabase, DIALECTS, dialectAvailable } from "./dialects.js";
import { formatLoadReport, runLoad } from "./load/run-load.js";
import { prepareStore, spawnServe } from "./server-process.js";

/** The short version of `npm run bench:load` (bench/load.ts runs the same for 2 minutes). */
const SECONDS = 10;

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`load on ${dialect}`, () => {
    it(`8 writers and 4 dashboard readers for ${SECONDS} s over HTTP: no lost events, no 5xx`, async () => {
      const db = await createTestDatabase(dialect);
      try {
        const keys = await prepareStore(db.url, "load", 8);
        const served = await spawnServe(db.url);
        let report: Awaited<ReturnType<typeof runLoad>>;
        try {
          report = await runLoad({ base: served.base, ingestKeys: keys.ingest, readKey: keys.read, seconds: SECONDS, readers: 4, seed: 3 });
        } finally {
          served.child.kill("SIGTERM");
        }
        expect(await served.exited).toEqual({ code: 0, signal: null });
        console.info(formatLoadReport(dialect, report));
        expect(report.serverErrors).toBe(0);
        expect(report.networkErrors).toBe(0);
        expect(report.acknowledged).toBeGreaterThan(0);
        expect(report.reads).toBeGreaterThan(0);
        expect(report.lost).toBe(0);
        const store = await openStore(db.url);
        try {
          const stored = await store.db
            .selectFrom("events")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow();
          expect(Number(stored.n)).toBe(report.acknowledged);
        } finally {
          await store.close();
        }
      } finally {
        await db.cleanup();
      }
    }, 60_000);
  });
}
