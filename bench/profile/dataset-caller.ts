import { ensureProject } from "../../packages/server/src/auth/projects.js";
import { createPromptmeter } from "../../packages/server/src/create-promptmeter.js";
import { openStore } from "../../packages/server/src/db/open-store.js";
import { appRouter } from "../../packages/server/src/router.js";
import { DATASET, range } from "../lib/datasets.js";
import { callProcedure, type KpiProcedure, kpiProcedures } from "../lib/procedures.js";

/** A read-only tRPC caller on a bench dataset's project, and its kpi.* procedures over the dataset's 30 days. */
export async function datasetCaller(url: string): Promise<{ procedures: KpiProcedure[]; call: (p: KpiProcedure) => Promise<unknown> }> {
  const store = await openStore(url);
  const { id } = await ensureProject(store, DATASET.project);
  await store.close();
  const pm = await createPromptmeter({ db: url });
  const caller = appRouter.createCaller(pm.createContext({ projectId: id, canRead: true, canIngest: false }));
  return { procedures: kpiProcedures(range()), call: (p) => callProcedure(caller, p.path, p.input) };
}

/** Calls `name` once to warm it, then once more with `logging(true)` around it, and prints that call's total. */
export async function profileOneCall(url: string, name: string, logging: (on: boolean) => void): Promise<void> {
  const { procedures, call } = await datasetCaller(url);
  const p = procedures.find((x) => x.path === name);
  if (!p) throw new Error(`${name}: not a kpi.* query (${procedures.map((x) => x.path).join(", ")})`);
  await call(p);
  logging(true);
  const started = performance.now();
  await call(p);
  logging(false);
  console.log(`total ${(performance.now() - started).toFixed(0)} ms`);
}
