import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../src/auth/api-keys.js";
import { ensureProject } from "../src/auth/projects.js";
import { createPromptmeter, type Promptmeter } from "../src/create-promptmeter.js";
import { generateDataset } from "../src/seed/generate.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";
import { event } from "./fixtures.js";
import { rollupMismatches } from "./rollup-expectations.js";

const dataset = generateDataset({ seed: 11, events: 4000, days: 1, end: Date.parse("2026-11-19T00:00:00.000Z") });
const all = dataset.events;
const BATCHES = 16;
/** Every tenth event is sent by both replicas; the rest are split between them. */
const shared = all.filter((_, i) => i % 10 === 0);
const ownA = all.filter((_, i) => i % 10 !== 0 && i % 2 === 0);
const ownB = all.filter((_, i) => i % 10 !== 0 && i % 2 === 1);
const slice = <T>(items: readonly T[], b: number) => items.filter((_, i) => i % BATCHES === b);
/**
 * Batch b of each replica spans the whole day and holds the same shared ids, so batches in
 * flight together touch the same hours, models, users and ids; the second replica sends each
 * batch newest first, so its shared ids meet the first replica's in the opposite order.
 */
const batchesA = Array.from({ length: BATCHES }, (_, b) =>
  [...slice(shared, b), ...slice(ownA, b)].sort((x, y) => x.timestamp - y.timestamp),
);
const batchesB = Array.from({ length: BATCHES }, (_, b) =>
  [...slice(shared, b), ...slice(ownB, b)].sort((x, y) => y.timestamp - x.timestamp),
);

/** Sends batches with `parallel` of them in flight at once; sums the answers. */
async function send(pm: Promptmeter, projectId: string, batches: readonly unknown[][], parallel: number) {
  const queue = [...batches];
  const total = { accepted: 0, duplicates: 0, rejected: 0 };
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const r = await pm.ingest.events(projectId, batch);
        total.accepted += r.accepted;
        total.duplicates += r.duplicates;
        total.rejected += r.rejected.length;
      }
    }),
  );
  return total;
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`two replicas over one ${dialect} store`, () => {
    let t: TestStore;
    let replicas: Promptmeter[] = [];
    beforeAll(async () => {
      t = await openTestStore(dialect);
      // Separate instances, each with its own connection pool, as two server processes would have.
      replicas = [await createPromptmeter({ db: t.url }), await createPromptmeter({ db: t.url })];
    });
    afterAll(async () => {
      for (const r of replicas) await r.close();
      await t?.cleanup();
    });

    it("ingesting overlapping batches concurrently stores each id once and keeps rollups equal to event sums", async () => {
      expect(shared).toHaveLength(400);
      expect(ownA.length + ownB.length + shared.length).toBe(all.length);
      const project = await ensureProject(t.store, "replicated");
      const [a, b] = await Promise.all([send(replicas[0]!, project.id, batchesA, 4), send(replicas[1]!, project.id, batchesB, 4)]);
      expect(a.rejected + b.rejected).toBe(0);
      expect(a.accepted + b.accepted).toBe(all.length);
      expect(a.duplicates + b.duplicates).toBe(shared.length);

      const counts = await t.store.db
        .selectFrom("events")
        .select((eb) => [eb.fn.countAll<number>().as("rows"), eb.fn.count<number>("id").distinct().as("ids")])
        .where("project_id", "=", project.id)
        .executeTakeFirstOrThrow();
      expect({ rows: Number(counts.rows), ids: Number(counts.ids) }).toEqual({ rows: all.length, ids: all.length });
      expect(await rollupMismatches(t.store, project.id, all)).toEqual([]);
    });

    it("rate limits are per replica, as documented; answers do not depend on which replica serves them", async () => {
      const project = await ensureProject(t.store, "limited");
      const ingestKey = (await createKey(t.store, project.id, "ingest")).key;
      const readKey = (await createKey(t.store, project.id, "read")).key;
      // Each replica keeps its own token bucket: a burst of 2, refilling once in 1,000 s.
      const limited = [
        await createPromptmeter({ db: t.url, rateLimitPerSecond: 0.001, rateLimitBurst: 2 }),
        await createPromptmeter({ db: t.url, rateLimitPerSecond: 0.001, rateLimitBurst: 2 }),
      ];
      try {
        const post = (pm: Promptmeter, id: string) =>
          pm.fetchHandler(
            new Request("http://replica.local/v1/events", {
              method: "POST",
              headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
              body: JSON.stringify({ events: [event({ id })] }),
            }),
          );
        const statuses: number[][] = [[], []];
        for (let i = 0; i < 3; i++) {
          for (const [r, pm] of limited.entries()) statuses[r]!.push((await post(pm, `r${r}-${i}`)).status);
        }
        // The key's effective limit is the burst times the number of replicas.
        expect(statuses).toEqual([
          [200, 200, 429],
          [200, 200, 429],
        ]);
        const input = encodeURIComponent(JSON.stringify({ range: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" } }));
        const answers = await Promise.all(
          [...limited, ...replicas].map(async (pm) => {
            const res = await pm.fetchHandler(
              new Request(`http://replica.local/trpc/kpi.overview?input=${input}`, { headers: { authorization: `Bearer ${readKey}` } }),
            );
            return res.text();
          }),
        );
        expect(JSON.parse(answers[0]!).result.data.requests).toBe(4);
        for (const answer of answers) expect(answer).toBe(answers[0]);
      } finally {
        for (const pm of limited) await pm.close();
      }
    });
  });
}
