// Times kpi.* procedures in-process on a dataset, N calls each (first call cold):
//   npx tsx --conditions=source bench/profile/procedures.ts <sqlite path | postgres:// url> [path substring] [N]

import { datasetCaller } from "./dataset-caller.js";

const [url, filter = "", nArg = "3"] = process.argv.slice(2);
const { procedures, call } = await datasetCaller(url!);
for (const p of procedures) {
  if (filter && !p.path.includes(filter)) continue;
  const times: number[] = [];
  for (let i = 0; i < Number(nArg); i++) {
    const t = performance.now();
    await call(p);
    times.push(performance.now() - t);
  }
  console.log(p.path.padEnd(22), times.map((t) => t.toFixed(0)).join(" "), "ms");
}
process.exit(0);
