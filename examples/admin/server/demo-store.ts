import { existsSync } from "node:fs";
import {
  createKey,
  createProgressBar,
  createPromptmeter,
  ensureProject,
  isPostgresUrl,
  type Promptmeter,
  seedStore,
} from "@promptmeter/server";

export interface DemoStore {
  pm: Promptmeter;
  /** A read key for the admin page, made fresh at each start (keys are cheap; none is stored in clear). */
  readKey: string;
  /** Made only when the demo database was created by this start. */
  ingestKey: string | null;
  seeded: boolean;
}

/** Opens the demo database, seeding a realistic dataset into project "demo" when it does not exist yet. */
export async function openDemoStore(db: string, events: number): Promise<DemoStore> {
  const fresh = !isPostgresUrl(db) && !existsSync(db);
  const pm = await createPromptmeter({ db });
  const project = await ensureProject(pm.store, "demo");
  let ingestKey: string | null = null;
  if (fresh || project.created) {
    const bar = createProgressBar("seeding demo data", events);
    await seedStore(pm.services, project.id, { events, days: 30, seed: 42 }, (p) => bar.update(p.events));
    bar.done();
    ingestKey = (await createKey(pm.store, project.id, "ingest")).key;
  }
  const readKey = (await createKey(pm.store, project.id, "read")).key;
  return { pm, readKey, ingestKey, seeded: fresh || project.created };
}
