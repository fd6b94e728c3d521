// Logs every PostgreSQL statement of one (warm) procedure call with its time and row count:
//   npx tsx --conditions=source bench/profile/postgres-statements.ts <postgres:// url> <kpi.name>
import pg from "pg";
import { profileOneCall } from "./dataset-caller.js";

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
const [url, name] = process.argv.slice(2);
await profileOneCall(url!, name!, (on) => {
  log = on;
});
process.exit(0);
