import { startSeededServer } from "./promptmeter-server.js";
import { writeFileSync } from "node:fs";
const s = await startSeededServer();
const call = async (proc: string, input: unknown) => {
  const r = await fetch(`${s.trpcUrl}/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { authorization: `Bearer ${s.readKey}` } });
  return (await r.json()).result?.data;
};
const base = { range: s.range, timezone: "UTC", compare: true };
const out: Record<string, unknown> = {};
for (const p of ["overview", "cost", "tokens", "latency", "throughput", "models", "errors"]) out[p] = await call(`kpi.${p}`, base);
out["latency24"] = await call("kpi.latency", { range: { from: "2026-11-22T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" }, bucket: "minute" });
writeFileSync("/tmp/kpiw/out.json", JSON.stringify(out, null, 1));
await s.close();
