// Times kpi.* procedures in-process on a dataset, N calls each (first call cold):
//   npx tsx --conditions=source bench/profile/procedures.ts <sqlite path | postgres:// url> [path substring] [N]

import { ensureProject } from "../../packages/server/src/auth/projects.js";
import { createPromptmeter } from "../../packages/server/src/create-promptmeter.js";
import { openStore } from "../../packages/server/src/db/open-store.js";
import { appRouter } from "../../packages/server/src/router.js";
import { range } from "../lib/datasets.js";
import { callProcedure, kpiProcedures } from "../lib/procedures.js";

const [url, filter = "", nArg = "3"] = process.argv.slice(2);
const s = await openStore(url!);
const { id } = await ensureProject(s, "bench");
await s.close();
const pm = await createPromptmeter({ db: url! });
const caller = appRouter.createCaller(pm.createContext({ projectId: id, canRead: true, canIngest: false }));
for (const p of kpiProcedures(range())) {
  if (filter && !p.path.includes(filter)) continue;
  const times: number[] = [];
  for (let i = 0; i < Number(nArg); i++) {
    const t = performance.now();
    await callProcedure(caller, p.path, p.input);
    times.push(performance.now() - t);
  }
  console.log(p.path.padEnd(22), times.map((t) => t.toFixed(0)).join(" "), "ms");
}
process.exit(0);
