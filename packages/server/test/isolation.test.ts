import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/router.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";
import { DAY, event, HOUR, T0 } from "./fixtures.js";
import { getJson, postJson, projectWithKeys, type RunningServer, startServer, type TestProject } from "./http-harness.js";

/** The families a read key may call; every procedure under them is walked, so new ones are covered too. */
const READ_FAMILIES = ["kpi.", "logs.", "goals."];
const RANGE = { from: T0 - 3 * DAY, to: T0 + 3 * DAY };
/** Inputs tried in order on a procedure's own input schema; the first it accepts is used. */
const CANDIDATE_INPUTS: unknown[] = [{ range: RANGE }, { range: RANGE, bucket: "hour" }, undefined, {}];
/** Procedures that need a particular input (an id, an instant). */
const INPUTS: Record<string, unknown> = {
  "logs.get": { id: "shared-id" },
  "goals.evaluate": { at: T0 + DAY },
  "goals.upsert": { id: "goal-probe", metric: "errorRate", op: "lte", target: 1, window: "24h" },
  "goals.delete": { id: "goal-probe" },
};
const MUTATIONS_PROBED = new Set(["goals.upsert", "goals.delete"]);

interface Procedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  accepts(input: unknown): boolean;
}

/** Every procedure of the router under the read families, with a way to test an input against its schema. */
function readProcedures(): Procedure[] {
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, any> } })._def.procedures;
  return Object.entries(procedures)
    .filter(([path]) => READ_FAMILIES.some((f) => path.startsWith(f)))
    .map(([path, proc]) => ({
      path,
      type: proc._def.type,
      accepts: (input: unknown) =>
        (proc._def.inputs as { safeParse(v: unknown): { success: boolean } }[]).every((s) => s.safeParse(input).success),
    }));
}

/** The seeded telemetry of one project: every string carries the project's marker. */
function telemetry(marker: string) {
  return [
    ...Array.from({ length: 6 }, (_, i) =>
      event({
        id: `${marker}-${i}`,
        timestamp: T0 + i * 10 * 60_000,
        model: `model-${marker}`,
        provider: i % 2 ? "openai" : `provider-${marker}`,
        userId: `user-${marker}-${i % 3}`,
        sessionId: `session-${marker}`,
        feature: `feature-${marker}`,
        release: `release-${marker}`,
        tags: [`tag-${marker}`],
        metadata: { owner: `meta-${marker}` },
        ...(i % 3 === 0 ? { status: "error", errorType: "server_error", errorMessage: `boom-${marker}` } : {}),
        retries: i % 2,
        input: `prompt-${marker}`,
        output: `answer-${marker}`,
      }),
    ),
    event({ id: "shared-id", timestamp: T0 + HOUR, model: `model-${marker}`, userId: `user-${marker}-0` }),
    event({ id: `only-${marker}`, timestamp: T0 + 2 * HOUR, model: `model-${marker}` }),
  ];
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`project isolation over HTTP on ${dialect}`, () => {
    let t: TestStore;
    let srv: RunningServer;
    let alpha: TestProject;
    let bravo: TestProject;
    const procedures = readProcedures();
    /** Alpha's answers with bravo present, by procedure path. */
    const before = new Map<string, string>();

    async function call(p: Procedure | string, key: string | null, input?: unknown) {
      const proc = typeof p === "string" ? procedures.find((x) => x.path === p)! : p;
      const value = input ?? inputFor(proc);
      const auth: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
      if (proc.type === "mutation") return postJson(`${srv.base}/trpc/${proc.path}`, value ?? null, key);
      const query = value === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(value))}`;
      return getJson(`${srv.base}/trpc/${proc.path}${query}`, auth);
    }

    function inputFor(p: Procedure): unknown {
      if (p.path in INPUTS) return INPUTS[p.path];
      const found = CANDIDATE_INPUTS.find((c) => p.accepts(c));
      if (found === undefined && !p.accepts(undefined)) throw new Error(`no isolation input fits ${p.path}: add one to INPUTS`);
      return found;
    }

    beforeAll(async () => {
      t = await openTestStore(dialect);
      srv = await startServer(t.store);
      alpha = await projectWithKeys(t.store, "alpha");
      bravo = await projectWithKeys(t.store, "bravo");
      for (const [p, marker] of [
        [alpha, "alpha"],
        [bravo, "bravo"],
      ] as const) {
        expect((await postJson(`${srv.base}/v1/events`, { events: telemetry(marker) }, p.ingestKey)).status).toBe(200);
        const feedback = [
          { id: `fb-${marker}`, eventId: `${marker}-1`, userId: `user-${marker}-1`, stars: 4, comment: `comment-${marker}` },
        ];
        expect((await postJson(`${srv.base}/v1/feedback`, { feedback }, p.ingestKey)).status).toBe(200);
        const goal = { id: `goal-${marker}`, metric: "errorRate", op: "lte", target: 0.5, window: "30d" };
        expect((await postJson(`${srv.base}/trpc/goals.upsert`, goal, p.readKey)).status).toBe(200);
      }
    });
    afterAll(async () => {
      await srv?.close();
      await t?.cleanup();
    });

    it("walks every kpi.*, logs.* and goals.* procedure of the router", () => {
      const paths = procedures.map((p) => p.path);
      for (const known of ["kpi.overview", "kpi.usageFrequency", "logs.list", "logs.get", "goals.list", "goals.evaluate"]) {
        expect(paths).toContain(known);
      }
      for (const p of procedures) {
        if (p.type === "mutation") expect(MUTATIONS_PROBED, `${p.path} needs an isolation probe below`).toContain(p.path);
      }
    });

    it("a read key reads only its own project: no answer mentions the other project's data", async () => {
      for (const p of procedures.filter((x) => x.type === "query")) {
        const res = await call(p, alpha.readKey);
        expect(res.status, `${p.path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
        const text = JSON.stringify(res.body);
        expect(text, p.path).not.toMatch(/bravo/);
        before.set(p.path, text);
      }
      // The seeded rows are in range, so the answers above were about data, not empty.
      expect(JSON.parse(before.get("kpi.overview")!).result.data.requests).toBe(8);
      expect(before.get("logs.list")).toMatch(/alpha/);
      expect(before.get("logs.get")).toMatch(/model-alpha/);
      const exported = await fetch(`${srv.base}/v1/export?from=${RANGE.from}&to=${RANGE.to}&include=payloads,feedback`, {
        headers: { authorization: `Bearer ${alpha.readKey}` },
      });
      const lines = (await exported.text()).trim().split("\n");
      expect(lines).toHaveLength(8);
      expect(lines.join("\n")).not.toMatch(/bravo/);
    });

    it("an ingest key cannot read (403); no key or an unknown key gets 401", async () => {
      for (const p of procedures) {
        expect((await call(p, alpha.ingestKey)).status, p.path).toBe(403);
        expect((await call(p, null)).status, p.path).toBe(401);
        expect((await call(p, `pm_read_${"Q".repeat(32)}`)).status, p.path).toBe(401);
      }
      const exported = await fetch(`${srv.base}/v1/export`, { headers: { authorization: `Bearer ${alpha.ingestKey}` } });
      expect(exported.status).toBe(403);
    });

    it("a revoked key fails on its very next request with the same 401 as a key that never existed", async () => {
      const admin = appRouter.createCaller(srv.pm.createContext(null, true));
      const extra = await admin.keys.create({ project: "alpha", kind: "read" });
      const unknown = `pm_read_${"R".repeat(32)}`;
      expect((await call("kpi.overview", extra.key)).status).toBe(200);
      await admin.keys.revoke({ key: extra.id });
      for (const p of procedures) {
        const revoked = await call(p, extra.key);
        const never = await call(p, unknown);
        expect(revoked.status, p.path).toBe(401);
        expect(revoked.body, p.path).toEqual(never.body);
      }
      const ingest = await admin.keys.create({ project: "alpha", kind: "ingest" });
      await admin.keys.revoke({ key: ingest.id });
      const revokedIngest = await postJson(`${srv.base}/v1/events`, { events: [event()] }, ingest.key);
      const neverIngest = await postJson(`${srv.base}/v1/events`, { events: [event()] }, `pm_ingest_${"R".repeat(32)}`);
      expect(revokedIngest.status).toBe(401);
      expect(revokedIngest.body).toEqual(neverIngest.body);
    });

    it("another project's event id answers exactly like an id that does not exist", async () => {
      const theirs = await call("logs.get", alpha.readKey, { id: "only-bravo" });
      const nobody = await call("logs.get", alpha.readKey, { id: "only-nobod" });
      expect(theirs.status).toBe(404);
      expect(nobody.status).toBe(404);
      expect(JSON.stringify(theirs.body).replaceAll("only-bravo", "ID")).toBe(JSON.stringify(nobody.body).replaceAll("only-nobod", "ID"));
      // The id both projects used reads as this project's own event.
      expect((await call("logs.get", alpha.readKey, { id: "shared-id" })).body.result.data.model).toBe("model-alpha");
      // Feedback on their event is taken like feedback on any unknown id: stored here, nothing revealed.
      const fb = (eventId: string) => postJson(`${srv.base}/v1/feedback`, { feedback: [{ eventId, thumbs: "up" }] }, alpha.ingestKey);
      expect((await fb("only-bravo")).body).toEqual((await fb("only-nobod")).body);
    });

    it("goal mutations touch only the caller's goals, and answer alike for another project's goal id", async () => {
      const bravoGoals = () => t.store.db.selectFrom("goals").selectAll().where("project_id", "=", bravo.id).execute();
      const theirsBefore = await bravoGoals();
      const deleteTheirs = await call("goals.delete", alpha.readKey, { id: "goal-bravo" });
      const deleteNobody = await call("goals.delete", alpha.readKey, { id: "goal-nobod" });
      expect(deleteTheirs.body).toEqual({ result: { data: { deleted: false } } });
      expect(deleteNobody.body).toEqual(deleteTheirs.body);
      const goal = { metric: "latencyP95Ms", op: "lte", target: 1000, window: "7d" };
      const upsertTheirs = await call("goals.upsert", alpha.readKey, { id: "goal-bravo", ...goal });
      expect(upsertTheirs.status).toBe(200);
      expect(upsertTheirs.body.result.data).toMatchObject({ id: "goal-bravo", ...goal });
      expect(await bravoGoals()).toEqual(theirsBefore);
      // Alpha now has its own goal with that id; bravo's list is untouched.
      const listed = await call("goals.list", bravo.readKey);
      expect(listed.body.result.data.rows.map((g: { id: string; metric: string }) => [g.id, g.metric])).toEqual([
        ["goal-bravo", "errorRate"],
      ]);
      await call("goals.delete", alpha.readKey, { id: "goal-bravo" });
    });

    it("a project's answers are the same whether or not another project exists", async () => {
      // Remove every row of bravo from every table that has a project_id, children first.
      const tables = (await t.store.db.introspection.getTables()).filter((tb) => tb.columns.some((c) => c.name === "project_id"));
      let pending = tables.map((tb) => tb.name);
      for (let pass = 0; pass < 4 && pending.length > 0; pass++) {
        const failed: string[] = [];
        for (const name of pending) {
          try {
            await (t.store.db as any).deleteFrom(name).where("project_id", "=", bravo.id).execute();
          } catch {
            failed.push(name);
          }
        }
        pending = failed;
      }
      expect(pending).toEqual([]);
      await t.store.db.deleteFrom("projects").where("id", "=", bravo.id).execute();
      for (const p of procedures.filter((x) => x.type === "query")) {
        const res = await call(p, alpha.readKey);
        expect(JSON.stringify(res.body), p.path).toBe(before.get(p.path));
      }
    });
  });
}
