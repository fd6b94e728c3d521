// npm run bench:load -- [--seconds 120] [--dialect sqlite|postgres|both] [--writers 8] [--readers 4] [--batch 100]
// 8 concurrent writers and 4 dashboard readers against `promptmeter serve` over HTTP; reports lost events, 5xx and read p95.
// The same run lasts 10 s inside the tests (packages/server/test/load.test.ts).
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { openStore } from "../packages/server/src/db/open-store.js";
import { createTestDatabase, dialectAvailable, type TestDialect } from "../packages/server/test/dialects.js";
import { formatLoadReport, type LoadReport, runLoad } from "../packages/server/test/load/run-load.js";
import { prepareStore, spawnServe } from "../packages/server/test/server-process.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "120" },
    dialect: { type: "string", default: "sqlite" },
    writers: { type: "string", default: "8" },
    readers: { type: "string", default: "4" },
    batch: { type: "string", default: "100" },
  },
});
const count = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return n;
};
const seconds = count("seconds", values.seconds);
const writers = count("writers", values.writers);
const readers = count("readers", values.readers);
const batchSize = count("batch", values.batch);
const dialects: TestDialect[] = values.dialect === "both" ? ["sqlite", "postgres"] : [values.dialect as TestDialect];
for (const d of dialects) if (d !== "sqlite" && d !== "postgres") throw new Error("--dialect must be sqlite, postgres or both");

/** One run on a fresh store: serve, load, SIGTERM, then count what the store holds. */
async function run(dialect: TestDialect): Promise<{ report: LoadReport; stored: number; exitCode: number | null }> {
  const db = await createTestDatabase(dialect);
  try {
    const keys = await prepareStore(db.url, "load", writers);
    const served = await spawnServe(db.url);
    let report: LoadReport;
    try {
      report = await runLoad({ base: served.base, ingestKeys: keys.ingest, readKey: keys.read, seconds, readers, batchSize, seed: 7 });
    } finally {
      served.child.kill("SIGTERM");
    }
    const { code } = await served.exited;
    const store = await openStore(db.url);
    try {
      const row = await store.db
        .selectFrom("events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return { report, stored: Number(row.n), exitCode: code };
    } finally {
      await store.close();
    }
  } finally {
    await db.cleanup();
  }
}

console.log(
  `promptmeter load: ${seconds} s, ${writers} writers × ${batchSize} events, ${readers} readers; ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
let failed = false;
for (const dialect of dialects) {
  if (!dialectAvailable(dialect)) {
    console.log(`[load ${dialect}] skipped: PostgreSQL does not answer`);
    continue;
  }
  const { report, stored, exitCode } = await run(dialect);
  console.log(formatLoadReport(dialect, report));
  const storeLost = report.acknowledged - stored;
  console.log(
    `[load ${dialect}] store holds ${stored} events (${storeLost} acknowledged but missing); answers by status ${JSON.stringify(report.statuses)}; server exit code ${exitCode} after SIGTERM`,
  );
  if (report.lost !== 0 || storeLost !== 0 || report.serverErrors !== 0 || exitCode !== 0) failed = true;
}
console.log(failed ? "FAIL: lost events, 5xx or an unclean stop" : "OK: 0 lost events, 0 5xx");
process.exitCode = failed ? 1 : 0;
