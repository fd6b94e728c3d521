// Logs every PostgreSQL statement of one (warm) procedure call with its time and row count:
//   npx tsx --conditions=source bench/profile/postgres-statements.ts <postgres:// url> <kpi.name>
import pg from "pg";

let log = false;
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
  const t = performance.now();
  const r = query.apply(this, args) as Promise<{ rows?: unknown[] }> | undefined;
  if (log && r && typeof (r as Promise<unknown>).then === "function") {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text;
    (r as Promise<{ rows?: unknown[] }>).then((res) =>
      console.log(
        `${(performance.now() - t).toFixed(1).padStart(8)} ms  ${res?.rows?.length ?? ""} rows  ${String(text).replace(/\s+/g, " ").slice(0, 240)}`,
      ),
    );
  }
  return r;
};
const { createPromptmeter } = await import("../../packages/server/src/create-promptmeter.js");
const { appRouter } = await import("../../packages/server/src/router.js");
const { range } = await import("../lib/datasets.js");
const { callProcedure, kpiProcedures } = await import("../lib/procedures.js");
const { ensureProject } = await import("../../packages/server/src/auth/projects.js");
const { openStore } = await import("../../packages/server/src/db/open-store.js");
const [url, name] = process.argv.slice(2);
const s = await openStore(url!);
const { id } = await ensureProject(s, "bench");
await s.close();
const pm = await createPromptmeter({ db: url! });
const caller = appRouter.createCaller(pm.createContext({ projectId: id, canRead: true, canIngest: false }));
const p = kpiProcedures(range()).find((x) => x.path === name)!;
await callProcedure(caller, p.path, p.input);
log = true;
const t = performance.now();
await callProcedure(caller, p.path, p.input);
console.log(`total ${(performance.now() - t).toFixed(0)} ms`);
process.exit(0);
