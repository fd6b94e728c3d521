// Logs every SQLite statement of one (warm) procedure call with its time and row count:
//   npx tsx --conditions=source bench/profile/sqlite-statements.ts <sqlite path> <kpi.name>
import Database from "better-sqlite3";

const proto = (Database as unknown as { prototype: { prepare: (...a: unknown[]) => unknown } }).prototype;
const prepare = proto.prepare;
let log = false;
proto.prepare = function (this: unknown, ...args: unknown[]) {
  const stmt = prepare.apply(this, args) as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ["all", "get", "run", "iterate"]) {
    const orig = stmt[m]!.bind(stmt);
    stmt[m] = (...a: unknown[]) => {
      const t = performance.now();
      const r = orig(...a);
      if (log)
        console.log(
          `${(performance.now() - t).toFixed(1).padStart(8)} ms  ${Array.isArray(r) ? `${r.length} rows` : ""}  ${String(args[0]).replace(/\s+/g, " ").slice(0, 260)}  ${JSON.stringify(a).slice(0, 120)}`,
        );
      return r;
    };
  }
  return stmt;
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
