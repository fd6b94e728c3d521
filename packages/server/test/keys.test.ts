import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../src/auth/api-keys.js";
import { accessFromGrant, type Context } from "../src/context.js";
import { appRouter } from "../src/router.js";
import { readProcedure, router } from "../src/trpc.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";
import { event, eventRows } from "./fixtures.js";
import { postJson, projectWithKeys, type RunningServer, startServer, type TestProject } from "./http-harness.js";

/** A stand-in for any read procedure (KPIs, logs): it answers which project the caller may read. */
const probeRouter = router({ whoami: readProcedure.query(({ ctx }) => ctx.projectId) });

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`keys and projects on ${dialect}`, () => {
    let t: TestStore;
    let srv: RunningServer;
    let a: TestProject;
    let b: TestProject;

    beforeAll(async () => {
      t = await openTestStore(dialect);
      srv = await startServer(t.store, { adminToken: "test-admin-token-0123456789" });
      a = await projectWithKeys(t.store, "alpha");
      b = await projectWithKeys(t.store, "beta");
    });
    afterAll(async () => {
      await srv?.close();
      await t?.cleanup();
    });

    /** The tRPC context an HTTP request with this bearer key gets. */
    async function contextFor(key: string | null): Promise<Context> {
      return { services: srv.pm.services, access: accessFromGrant(await authenticate(t.store, key)), admin: false };
    }

    it("keys are stored only as a sha256 hash and a short prefix, never in clear", async () => {
      const rows = await t.store.db.selectFrom("api_keys").selectAll().execute();
      expect(rows).toHaveLength(4);
      const keys = [a.ingestKey, a.readKey, b.ingestKey, b.readKey];
      for (const key of keys) expect(key).toMatch(/^pm_(ingest|read)_[0-9A-Za-z]{32}$/);
      const dump = JSON.stringify(rows);
      for (const key of keys) {
        expect(dump).not.toContain(key);
        expect(dump).not.toContain(key.slice(-24));
      }
      expect(rows.map((r) => r.key_hash).sort()).toEqual(keys.map(sha256).sort());
      for (const r of rows) {
        const key = keys.find((k) => sha256(k) === r.key_hash)!;
        expect(key.startsWith(r.prefix)).toBe(true);
        expect(r.prefix.length).toBeLessThan(key.length - 20);
        expect(r.kind).toBe(key.startsWith("pm_ingest_") ? "ingest" : "read");
      }
    });

    it("tRPC keys.create shows the key once; keys.list never shows it", async () => {
      const admin = appRouter.createCaller(srv.pm.createContext(null, true));
      const created = await admin.keys.create({ project: "alpha", kind: "read" });
      expect(created.key).toMatch(/^pm_read_[0-9A-Za-z]{32}$/);
      expect(await authenticate(t.store, created.key)).toEqual({ projectId: a.id, kind: "read", keyId: created.id });
      const listed = await admin.keys.list({ project: "alpha" });
      expect(listed.map((k) => k.kind).sort()).toEqual(["ingest", "read", "read"]);
      expect(JSON.stringify(listed)).not.toContain(created.key.slice(-24));
      await admin.keys.revoke({ key: created.id });
      expect(await authenticate(t.store, created.key)).toBeNull();
    });

    it("revoking by a prefix that several active keys share is refused rather than revoking them all", async () => {
      const admin = appRouter.createCaller(srv.pm.createContext(null, true));
      const created = await admin.keys.create({ project: "beta", kind: "ingest" });
      // Prefixes show only four random characters, so two keys can share one: make beta's new key share alpha's.
      const alphaPrefix = (
        await t.store.db.selectFrom("api_keys").select("prefix").where("id", "=", a.ingestKeyId).executeTakeFirstOrThrow()
      ).prefix;
      await t.store.db.updateTable("api_keys").set({ prefix: alphaPrefix }).where("id", "=", created.id).execute();
      expect(await codeOf(admin.keys.revoke({ key: alphaPrefix }))).toBe("CONFLICT");
      expect(await authenticate(t.store, a.ingestKey)).toMatchObject({ projectId: a.id });
      expect(await authenticate(t.store, created.key)).toMatchObject({ projectId: b.id });
      // By id it goes; then the prefix is unambiguous again but names a revoked key only for beta.
      expect(await admin.keys.revoke({ key: created.id })).toEqual({ revoked: 1 });
      expect(await authenticate(t.store, created.key)).toBeNull();
      expect(await codeOf(admin.keys.revoke({ key: created.id }))).toBe("NOT_FOUND");
      expect(await authenticate(t.store, a.ingestKey)).toMatchObject({ projectId: a.id });
    });

    it("a read key reads only its own project; an ingest key cannot read (FORBIDDEN); no key is UNAUTHORIZED", async () => {
      expect(await probeRouter.createCaller(await contextFor(a.readKey)).whoami()).toBe(a.id);
      expect(await probeRouter.createCaller(await contextFor(b.readKey)).whoami()).toBe(b.id);
      expect(await codeOf(probeRouter.createCaller(await contextFor(a.ingestKey)).whoami())).toBe("FORBIDDEN");
      expect(await codeOf(probeRouter.createCaller(await contextFor(null)).whoami())).toBe("UNAUTHORIZED");
      expect(await codeOf(probeRouter.createCaller(await contextFor(`pm_read_${"z".repeat(32)}`)).whoami())).toBe("UNAUTHORIZED");
    });

    it("a read key cannot ingest (FORBIDDEN), neither in-process nor over HTTP", async () => {
      const caller = appRouter.createCaller(await contextFor(a.readKey));
      expect(await codeOf(caller.ingest.events({ events: [event({ id: "r-1" })] }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.ingest.feedback({ feedback: [{ eventId: "r-1", thumbs: "up" }] }))).toBe("FORBIDDEN");
      const http = await postJson(`${srv.base}/trpc/ingest.events`, { events: [event({ id: "r-1" })] }, a.readKey);
      expect(http.status).toBe(403);
      expect(await eventRows(t.store, a.id)).toHaveLength(0);
    });

    it("an ingest key writes only into its own project; the same id in two projects is two events", async () => {
      const viaA = await postJson(`${srv.base}/v1/events`, { events: [event({ id: "shared", model: "from-a" })] }, a.ingestKey);
      expect(viaA.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      const caller = appRouter.createCaller(await contextFor(b.ingestKey));
      expect(await caller.ingest.events({ events: [event({ id: "shared", model: "from-b" })] })).toEqual({
        accepted: 1,
        duplicates: 0,
        rejected: [],
      });
      expect((await eventRows(t.store, a.id)).map((r) => [r.id, r.model])).toEqual([["shared", "from-a"]]);
      expect((await eventRows(t.store, b.id)).map((r) => [r.id, r.model])).toEqual([["shared", "from-b"]]);
      // Nothing in the body can redirect a batch: a stray projectId field is not an event field and is ignored.
      await postJson(`${srv.base}/v1/events`, { projectId: b.id, events: [event({ id: "a-only", projectId: b.id })] }, a.ingestKey);
      expect((await eventRows(t.store, b.id)).map((r) => r.id)).toEqual(["shared"]);
      expect((await eventRows(t.store, a.id)).map((r) => r.id)).toEqual(["a-only", "shared"]);
    });

    it("project administration needs the admin context or the admin token", async () => {
      const asKey = appRouter.createCaller(await contextFor(a.ingestKey));
      expect(await codeOf(asKey.keys.create({ project: "alpha", kind: "ingest" }))).toBe("FORBIDDEN");
      expect(await codeOf(asKey.prices.set({ project: "alpha", model: "m", inputPerMTok: 1, outputPerMTok: 1 }))).toBe("FORBIDDEN");
      const withKey = await postJson(`${srv.base}/trpc/keys.create`, { project: "alpha", kind: "ingest" }, a.readKey);
      expect(withKey.status).toBe(403);
      const withToken = await postJson(`${srv.base}/trpc/keys.create`, { project: "beta", kind: "ingest" }, "test-admin-token-0123456789");
      expect(withToken.status).toBe(200);
      expect(await authenticate(t.store, withToken.body.result.data.key)).toMatchObject({ projectId: b.id, kind: "ingest" });
    });
  });
}
