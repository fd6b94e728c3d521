// Logs every SQLite statement of one (warm) procedure call with its time and row count:
//   npx tsx --conditions=source bench/profile/sqlite-statements.ts <sqlite path> <kpi.name>
import Database from "better-sqlite3";
import { profileOneCall } from "./dataset-caller.js";

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
const [url, name] = process.argv.slice(2);
await profileOneCall(url!, name!, (on) => {
  log = on;
});
process.exit(0);
