import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/db/open-store.js";
import { appRouter } from "../src/router.js";
import { createTestDatabase, DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";
import { event, eventRows, events, HOUR, rollupSnapshot, T0 } from "./fixtures.js";
import { getJson, postChunked, postJson, projectWithKeys, type RunningServer, startServer } from "./http-harness.js";

const FIVE_MB = 5 * 1024 * 1024;
const ERROR_BODY = { error: { code: expect.any(String), message: expect.any(String) } };

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`HTTP ingest on ${dialect}`, () => {
    let t: TestStore;
    let srv: RunningServer;
    let projects = 0;
    /** A fresh project per test, so no test sees another's rows. */
    const project = () => projectWithKeys(t.store, `http-${dialect}-${++projects}`);

    beforeAll(async () => {
      t = await openTestStore(dialect);
      srv = await startServer(t.store);
    });
    afterAll(async () => {
      await srv?.close();
      await t?.cleanup();
    });
    afterEach(async () => {
      // Whatever the previous request did, the server is still answering.
      const health = await getJson(`${srv.base}/healthz`);
      expect(health.status).toBe(200);
    });

    it("a mixed batch answers 207 with the exact rejected indexes and paths, and stores the valid events", async () => {
      const p = await project();
      const batch = [
        event({ id: "ok-a", model: "gpt-4o-mini" }),
        event({ id: "bad-1", model: undefined }),
        event({ id: "ok-b", status: "error", errorType: "timeout", latencyMs: 30_000 }),
        event({ id: "bad-3", errorType: "timeout" }),
        event({ id: "bad-4", usage: { inputTokens: 10, cacheReadTokens: 6, cacheWriteTokens: 5 } }),
        event({ model: "claude-sonnet-4-5", provider: "anthropic" }),
        event({ id: "bad-6", latencyMs: -1 }),
        42,
        event({ id: "bad-8", timestamp: "1999-12-31T23:59:59Z" }),
      ];
      const res = await postJson(`${srv.base}/v1/events`, { events: batch }, p.ingestKey);
      expect(res.status).toBe(207);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.body.accepted).toBe(3);
      expect(res.body.duplicates).toBe(0);
      expect(res.body.rejected.map((r: { index: number; path: string }) => [r.index, r.path])).toEqual([
        [1, "model"],
        [3, "errorType"],
        [4, "usage.cacheReadTokens"],
        [6, "latencyMs"],
        [7, "event"],
        [8, "timestamp"],
      ]);
      for (const r of res.body.rejected) expect(r.message).toMatch(/\S/);

      const rows = await eventRows(t.store, p.id);
      expect(rows).toHaveLength(3);
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get("ok-a")).toMatchObject({ model: "gpt-4o-mini", status: "success", error_type: null, ts: T0 });
      expect(byId.get("ok-b")).toMatchObject({ status: "error", error_type: "timeout", latency_ms: 30_000 });
      // The event sent without an id got a server-assigned UUIDv7.
      const assigned = rows.filter((r) => !["ok-a", "ok-b"].includes(r.id));
      expect(assigned.map((r) => [r.provider, r.model])).toEqual([["anthropic", "claude-sonnet-4-5"]]);
      for (const r of assigned) expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it("an all-valid batch answers 200; a resend counts duplicates and changes neither events nor rollups", async () => {
      const p = await project();
      const batch = events("dup", 5, { userId: "u-1" });
      const first = await postJson(`${srv.base}/v1/events`, { events: batch }, p.ingestKey);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ accepted: 5, duplicates: 0, rejected: [] });
      const rowsBefore = await eventRows(t.store, p.id);
      const rollupsBefore = await rollupSnapshot(t.store, p.id);
      expect(rollupsBefore.hourly.map((h) => h.requests)).toEqual([5]);

      const again = await postJson(`${srv.base}/v1/events`, { events: batch }, p.ingestKey);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ accepted: 0, duplicates: 5, rejected: [] });
      // Two old ids and one new: only the new one is stored.
      const mixed = [batch[0], event({ id: "dup-new", timestamp: T0 + 2 * HOUR }), batch[4]];
      const third = await postJson(`${srv.base}/v1/events`, { events: mixed }, p.ingestKey);
      expect(third.body).toEqual({ accepted: 1, duplicates: 2, rejected: [] });

      const rowsAfter = await eventRows(t.store, p.id);
      expect(rowsAfter.filter((r) => r.id !== "dup-new")).toEqual(rowsBefore);
      const rollupsAfter = await rollupSnapshot(t.store, p.id);
      // The first hour's rollups are exactly as before; the new event opened its own hour.
      expect(rollupsAfter.hourly.filter((h) => h.hour === T0)).toEqual(rollupsBefore.hourly);
      expect(rollupsAfter.hourly.filter((h) => h.hour === T0 + 2 * HOUR).map((h) => h.requests)).toEqual([1]);
      expect(rollupsAfter.userDaily).toEqual(rollupsBefore.userDaily);
    });

    it("an id repeated inside one batch is stored once and counted once as a duplicate; the first copy wins", async () => {
      const p = await project();
      const batch = [event({ id: "x", latencyMs: 100 }), event({ id: "y", latencyMs: 200 }), event({ id: "x", latencyMs: 999 })];
      const res = await postJson(`${srv.base}/v1/events`, { events: batch }, p.ingestKey);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
      const rows = await eventRows(t.store, p.id);
      expect(rows.map((r) => [r.id, r.latency_ms])).toEqual([
        ["x", 100],
        ["y", 200],
      ]);
      const rollups = await rollupSnapshot(t.store, p.id);
      expect(rollups.hourly.map((h) => [h.requests, h.latency_sum])).toEqual([[2, 300]]);
      expect(rollups.minute.map((m) => m.requests)).toEqual([2]);
    });

    it("a missing, unknown or malformed key answers 401 with a JSON error; a read key answers 403", async () => {
      const p = await project();
      const body = { events: [event({ id: "auth-1" })] };
      const cases: [string | null, Record<string, string>][] = [
        [null, {}],
        [`pm_ingest_${"A".repeat(32)}`, {}],
        ["not-a-key", {}],
        [null, { authorization: `Basic ${p.ingestKey}` }],
        [`${p.ingestKey}x`, {}],
      ];
      for (const [key, headers] of cases) {
        const res = await postJson(`${srv.base}/v1/events`, body, key, headers);
        expect(res.status).toBe(401);
        expect(res.contentType).toMatch(/^application\/json/);
        expect(res.body).toEqual(ERROR_BODY);
      }
      const read = await postJson(`${srv.base}/v1/events`, body, p.readKey);
      expect(read.status).toBe(403);
      expect(read.body).toEqual(ERROR_BODY);
      expect(await eventRows(t.store, p.id)).toHaveLength(0);
    });

    it("a revoked key is refused on its very next request", async () => {
      const p = await project();
      const ok = await postJson(`${srv.base}/v1/events`, { events: [event({ id: "rev-1" })] }, p.ingestKey);
      expect(ok.status).toBe(200);
      const admin = appRouter.createCaller(srv.pm.createContext(null, true));
      expect(await admin.keys.revoke({ key: p.ingestKeyId })).toEqual({ revoked: 1 });
      const refused = await postJson(`${srv.base}/v1/events`, { events: [event({ id: "rev-2" })] }, p.ingestKey);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual(ERROR_BODY);
      expect((await eventRows(t.store, p.id)).map((r) => r.id)).toEqual(["rev-1"]);
    });

    it("a body over 5 MB answers 413, whether it declares its length or streams it chunked; 5 MB exactly is accepted", async () => {
      const p = await project();
      const json = JSON.stringify({ events: [event({ id: "big-1" })] });
      // JSON allows trailing whitespace: pad the body to an exact byte size.
      const exact = json + " ".repeat(FIVE_MB - json.length);
      expect(Buffer.byteLength(exact)).toBe(FIVE_MB);
      const atLimit = await postJson(`${srv.base}/v1/events`, exact, p.ingestKey);
      expect(atLimit.status).toBe(200);
      expect(atLimit.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });

      const declared = await postJson(`${srv.base}/v1/events`, `${exact} `, p.ingestKey);
      expect(declared.status).toBe(413);
      expect(declared.body).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });

      const chunk = new Uint8Array(256 * 1024).fill(0x20);
      const head = new TextEncoder().encode(JSON.stringify({ events: [event({ id: "big-2" })] }));
      const chunks = [head, ...Array.from({ length: 21 }, () => chunk)];
      expect(chunks.reduce((n, c) => n + c.byteLength, 0)).toBeGreaterThan(FIVE_MB);
      const chunked = await postChunked(`${srv.base}/v1/events`, chunks, p.ingestKey);
      expect(chunked.status).toBe(413);
      expect(chunked.body).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
      expect((await eventRows(t.store, p.id)).map((r) => r.id)).toEqual(["big-1"]);
    });

    it("/trpc bodies obey the same 5 MB limit, declared or chunked, before the key is even checked", async () => {
      const p = await project();
      const json = JSON.stringify({ events: [event({ id: "tbig-1" })] });
      const exact = json + " ".repeat(FIVE_MB - json.length);
      const atLimit = await postJson(`${srv.base}/trpc/ingest.events`, exact, p.ingestKey);
      expect(atLimit.body).toEqual({ result: { data: { accepted: 1, duplicates: 0, rejected: [] } } });
      for (const key of [p.ingestKey, null]) {
        const declared = await postJson(`${srv.base}/trpc/ingest.events`, `${exact} `, key);
        expect(declared.status).toBe(413);
        expect(declared.body).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
      }
      const chunk = new Uint8Array(256 * 1024).fill(0x20);
      const chunked = await postChunked(
        `${srv.base}/trpc/ingest.events`,
        [new TextEncoder().encode(json), ...Array.from({ length: 21 }, () => chunk)],
        p.ingestKey,
      );
      expect(chunked.status).toBe(413);
      expect((await eventRows(t.store, p.id)).map((r) => r.id)).toEqual(["tbig-1"]);
    });

    it("tRPC errors carry no server stack trace", async () => {
      const res = await postJson(`${srv.base}/trpc/ingest.events`, { events: [event()] }, null);
      expect(res.status).toBe(401);
      expect(res.body.error.data.code).toBe("UNAUTHORIZED");
      expect(JSON.stringify(res.body)).not.toMatch(/stack|\.ts:\d+/);
    });

    it("1,000 events are accepted and 1,001 answer 413", async () => {
      const p = await project();
      const thousand = events("k", 1000);
      const ok = await postJson(`${srv.base}/v1/events`, { events: thousand }, p.ingestKey);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ accepted: 1000, duplicates: 0, rejected: [] });
      const tooMany = await postJson(`${srv.base}/v1/events`, { events: [...events("m", 1000), event({ id: "m-1000" })] }, p.ingestKey);
      expect(tooMany.status).toBe(413);
      expect(tooMany.body).toEqual(ERROR_BODY);
      expect(await eventRows(t.store, p.id)).toHaveLength(1000);
    });

    it("malformed JSON, a wrong body shape and an empty batch answer 400", async () => {
      const p = await project();
      const malformed = await postJson(`${srv.base}/v1/events`, '{"events": [', p.ingestKey);
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({ error: { code: "malformed_json", message: expect.any(String) } });
      for (const body of ['{"events": {}}', "[]", "null", '{"feedback": []}', '{"events": []}']) {
        const res = await postJson(`${srv.base}/v1/events`, body, p.ingestKey);
        expect(res.status, body).toBe(400);
        expect(res.body).toEqual(ERROR_BODY);
      }
    });

    it("a batch with no valid event answers 400 with the rejected list and stores nothing", async () => {
      const p = await project();
      const res = await postJson(
        `${srv.base}/v1/events`,
        { events: [event({ provider: "" }), event({ status: "maybe" }), event({ ttftMs: 500, latencyMs: 400 })] },
        p.ingestKey,
      );
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
      expect(res.body.accepted).toBe(0);
      expect(res.body.duplicates).toBe(0);
      expect(res.body.rejected.map((r: { index: number; path: string }) => [r.index, r.path])).toEqual([
        [0, "provider"],
        [1, "status"],
        [2, "ttftMs"],
      ]);
      expect(await eventRows(t.store, p.id)).toHaveLength(0);
    });

    it("a body that is not application/json answers 415", async () => {
      const p = await project();
      const body = { events: [event({ id: "ct-1" })] };
      const plain = await postJson(`${srv.base}/v1/events`, body, p.ingestKey, { "content-type": "text/plain" });
      expect(plain.status).toBe(415);
      expect(plain.body).toEqual(ERROR_BODY);
      const form = await postJson(`${srv.base}/v1/events`, body, p.ingestKey, { "content-type": "application/x-www-form-urlencoded" });
      expect(form.status).toBe(415);
      const charset = await postJson(`${srv.base}/v1/events`, body, p.ingestKey, { "content-type": "application/json; charset=utf-8" });
      expect(charset.status).toBe(200);
    });

    it("GET /healthz answers {ok: true}; unknown paths answer 404 and GET on an ingest path 405, in JSON", async () => {
      const health = await getJson(`${srv.base}/healthz`);
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ ok: true });
      for (const path of ["/", "/nope", "/v1/eventsx", "/v1/events/extra", "/v2/events"]) {
        const res = await getJson(`${srv.base}${path}`);
        expect(res.status, path).toBe(404);
        expect(res.contentType).toMatch(/^application\/json/);
        expect(res.body).toEqual(ERROR_BODY);
      }
      const get = await getJson(`${srv.base}/v1/events`);
      expect(get.status).toBe(405);
      expect(get.body).toEqual(ERROR_BODY);
    });

    it("GET /healthz answers 503 with a JSON error when the store does not answer", async () => {
      const database = await createTestDatabase(dialect);
      const store = await openStore(database.url);
      const down = await startServer(store);
      try {
        expect((await getJson(`${down.base}/healthz`)).status).toBe(200);
        await store.close();
        const res = await getJson(`${down.base}/healthz`);
        expect(res.status).toBe(503);
        expect(res.body).toEqual(ERROR_BODY);
      } finally {
        await down.close();
        await database.cleanup();
      }
    });

    it("the same handler serves under a mount prefix", async () => {
      const p = await project();
      const res = await srv.pm.fetchHandler(
        new Request("http://host.example/admin/promptmeter/v1/events", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${p.ingestKey}` },
          body: JSON.stringify({ events: [event({ id: "pre-1" })] }),
        }),
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    });

    it("a key over its rate answers 429 with retry-after", async () => {
      const p = await project();
      const limited = await startServer(t.store, { rateLimitPerSecond: 0.001, rateLimitBurst: 2 });
      try {
        const statuses: number[] = [];
        let last: Awaited<ReturnType<typeof postJson>> | undefined;
        for (let i = 0; i < 3; i++) {
          last = await postJson(`${limited.base}/v1/events`, { events: [event({ id: `rl-${i}` })] }, p.ingestKey);
          statuses.push(last.status);
        }
        expect(statuses).toEqual([200, 200, 429]);
        expect(last?.body).toEqual(ERROR_BODY);
        expect(Number(last?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      } finally {
        await limited.close();
      }
    });

    it("feedback: valid items are stored with a normalized score and derived sentiment; invalid ones rejected; resends are duplicates", async () => {
      const p = await project();
      const items = [
        { id: "f-up", eventId: "e1", thumbs: "up" },
        { id: "f-down", eventId: "e1", thumbs: "down" },
        { id: "f-s5", sessionId: "s1", stars: 5 },
        { id: "f-s4", sessionId: "s1", stars: 4 },
        { id: "f-s3", sessionId: "s1", stars: 3 },
        { id: "f-s2", sessionId: "s1", stars: 2 },
        { id: "f-s1", sessionId: "s1", stars: 1 },
        { id: "f-07", eventId: "e2", score: 0.7 },
        { id: "f-03", eventId: "e2", score: 0.3 },
        { id: "f-05", eventId: "e2", score: 0.5, sentiment: "positive", comment: "fine", userId: "u-9", timestamp: T0 },
        { id: "f-bad-target", thumbs: "up" },
        { id: "f-bad-two", eventId: "e3", thumbs: "up", stars: 5 },
        { id: "f-bad-stars", eventId: "e3", stars: 6 },
      ];
      const res = await postJson(`${srv.base}/v1/feedback`, { feedback: items }, p.ingestKey);
      expect(res.status).toBe(207);
      expect(res.body.accepted).toBe(10);
      expect(res.body.duplicates).toBe(0);
      expect(res.body.rejected.map((r: { index: number; path: string }) => [r.index, r.path])).toEqual([
        [10, "eventId"],
        [11, "score"],
        [12, "stars"],
      ]);

      const rows = await t.store.db.selectFrom("feedback").selectAll().where("project_id", "=", p.id).orderBy("id").execute();
      const stored = Object.fromEntries(rows.map((r) => [r.id, [r.score, r.sentiment]]));
      expect(stored).toEqual({
        "f-up": [1, "positive"],
        "f-down": [0, "negative"],
        "f-s5": [1, "positive"],
        "f-s4": [0.75, "positive"],
        "f-s3": [0.5, "neutral"],
        "f-s2": [0.25, "negative"],
        "f-s1": [0, "negative"],
        "f-07": [0.7, "positive"],
        "f-03": [0.3, "negative"],
        "f-05": [0.5, "positive"],
      });
      expect(rows.find((r) => r.id === "f-05")).toMatchObject({ comment: "fine", user_id: "u-9", ts: T0, event_id: "e2" });
      expect(rows.find((r) => r.id === "f-s4")).toMatchObject({ stars: 4, thumbs: null, session_id: "s1", event_id: null });

      const again = await postJson(
        `${srv.base}/v1/feedback`,
        { feedback: [items[0], items[0], { eventId: "e4", thumbs: "up" }] },
        p.ingestKey,
      );
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
      const none = await postJson(`${srv.base}/v1/feedback`, { feedback: [items[10]] }, p.ingestKey);
      expect(none.status).toBe(400);
      expect(none.body.rejected).toHaveLength(1);
      const count = await t.store.db
        .selectFrom("feedback")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("project_id", "=", p.id)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(11);
    });

    it("POST /trpc/ingest.events with the plain JSON body answers the same result shape as /v1/events", async () => {
      const p = await project();
      const batch = [event({ id: "t-1" }), event({ id: "t-2", model: "" }), event({ id: "t-3" })];
      const res = await postJson(`${srv.base}/trpc/ingest.events`, { events: batch }, p.ingestKey);
      expect(res.status).toBe(200);
      expect(res.body.result.data.accepted).toBe(2);
      expect(res.body.result.data.duplicates).toBe(0);
      expect(res.body.result.data.rejected.map((r: { index: number; path: string }) => [r.index, r.path])).toEqual([[1, "model"]]);
      const again = await postJson(`${srv.base}/trpc/ingest.events`, { events: [event({ id: "t-1" })] }, p.ingestKey);
      expect(again.body).toEqual({ result: { data: { accepted: 0, duplicates: 1, rejected: [] } } });
      expect((await eventRows(t.store, p.id)).map((r) => r.id)).toEqual(["t-1", "t-3"]);

      const fb = await postJson(`${srv.base}/trpc/ingest.feedback`, { feedback: [{ eventId: "t-1", stars: 4 }] }, p.ingestKey);
      expect(fb.body).toEqual({ result: { data: { accepted: 1, duplicates: 0, rejected: [] } } });

      const noneValid = await postJson(`${srv.base}/trpc/ingest.events`, { events: [event({ model: "" })] }, p.ingestKey);
      expect(noneValid.status).toBe(400);
      expect(noneValid.body.error.data.code).toBe("BAD_REQUEST");
      const noKey = await postJson(`${srv.base}/trpc/ingest.events`, { events: batch }, null);
      expect(noKey.status).toBe(401);
      expect(noKey.body.error.data.code).toBe("UNAUTHORIZED");
      const readKey = await postJson(`${srv.base}/trpc/ingest.events`, { events: batch }, p.readKey);
      expect(readKey.status).toBe(403);
      expect(readKey.body.error.data.code).toBe("FORBIDDEN");
      expect(await eventRows(t.store, p.id)).toHaveLength(2);
    });
  });
}
