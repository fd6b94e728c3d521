import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, type CorpusCase } from "./corpus/index.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";
import { getJson, projectWithKeys, type RunningServer, startServer, type TestProject } from "./http-harness.js";

/** Event fields stored as text columns, compared as exact UTF-16 strings. */
const TEXT_FIELDS = [
  "id",
  "provider",
  "model",
  "responseModel",
  "errorMessage",
  "fallbackFrom",
  "userId",
  "sessionId",
  "traceId",
  "feature",
  "environment",
  "release",
] as const;
/** Event fields stored as JSON, compared by their JSON text. */
const JSON_FIELDS = ["tags", "metadata", "input", "output"] as const;
const FEEDBACK_FIELDS = [
  ["comment", "comment"],
  ["userId", "user_id"],
  ["sessionId", "session_id"],
  ["eventId", "event_id"],
] as const;

const encoder = new TextEncoder();
/** Large generated bodies are built once and sent to both databases. */
const generated = new Map<CorpusCase, Uint8Array>();

function bodyOf(c: CorpusCase): Uint8Array | null {
  if (c.body === undefined) return null;
  const cached = generated.get(c);
  if (cached) return cached;
  const raw = typeof c.body === "function" ? c.body() : c.body;
  const bytes = typeof raw === "string" ? encoder.encode(raw) : raw;
  if (bytes.byteLength > 1024 * 1024) generated.set(c, bytes);
  return bytes;
}

function chunked(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}

/** The JSON items the case sent, when it sent a parseable batch (to compare what was stored). */
function sentItems(bytes: Uint8Array | null, key: "events" | "feedback"): Record<string, unknown>[] {
  if (!bytes || bytes.byteLength > 6 * 1024 * 1024) return [];
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const items = (JSON.parse(text) as Record<string, unknown>)[key];
    return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}

/** Every human-readable message in an answer: error.message, rejected[].message, an OTLP status message. */
function messagesOf(body: any): string[] {
  if (typeof body !== "object" || body === null) return [String(body)];
  const data = body.result?.data ?? body;
  return [body.error?.message, body.message, ...(data.rejected ?? []).map((r: { message: string }) => r.message)].filter(
    (m): m is string => typeof m === "string",
  );
}

const rejectedOf = (body: any): [number, string][] =>
  ((body?.result?.data ?? body)?.rejected ?? []).map((r: { index: number; path: string }) => [r.index, r.path]);

describe("the bad-input corpus", () => {
  it("holds at least 100 cases, each named once", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });
});

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`bad-input corpus over HTTP on ${dialect}`, () => {
    let t: TestStore;
    let srv: RunningServer;
    let projects = 0;

    beforeAll(async () => {
      t = await openTestStore(dialect);
      srv = await startServer(t.store);
    });
    afterAll(async () => {
      await srv?.close();
      await t?.cleanup();
    });
    afterEach(async () => {
      // Whatever the case sent, the server still answers.
      expect((await getJson(`${srv.base}/healthz`)).status).toBe(200);
    });

    async function send(c: CorpusCase, p: TestProject) {
      const bytes = bodyOf(c);
      const key = { ingest: p.ingestKey, read: p.readKey, none: null, unknown: `pm_ingest_${"Z".repeat(32)}` }[c.key ?? "ingest"];
      const headers: Record<string, string> = { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...c.headers };
      const contentType = c.contentType === undefined ? "application/json" : c.contentType;
      if (contentType !== null && bytes !== null) headers["content-type"] = contentType;
      const response = await fetch(`${srv.base}${c.path ?? "/v1/events"}`, {
        method: c.method ?? "POST",
        headers,
        body: bytes === null ? null : c.chunked ? chunked(bytes) : bytes,
        ...(c.chunked ? { duplex: "half" } : {}),
      } as RequestInit);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Protobuf or empty answers stay as text.
      }
      return { status: response.status, body: body as any, bytes };
    }

    async function storedEventIds(projectId: string): Promise<string[]> {
      const rows = await t.store.db.selectFrom("events").select("id").where("project_id", "=", projectId).execute();
      return rows.map((r) => r.id).sort();
    }

    async function logDetail(p: TestProject, id: string) {
      const input = encodeURIComponent(JSON.stringify({ id }));
      const res = await getJson(`${srv.base}/trpc/logs.get?input=${input}`, { authorization: `Bearer ${p.readKey}` });
      expect(res.status, `logs.get ${id}`).toBe(200);
      return res.body.result.data as Record<string, unknown>;
    }

    for (const c of CORPUS) {
      it(c.name, async () => {
        const p = await projectWithKeys(t.store, `corpus-${dialect}-${++projects}`);
        const res = await send(c, p);
        expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(c.status);
        if (c.code !== undefined) expect(res.body.error.code).toBe(c.code);
        if (res.status >= 400 && (c.path ?? "/v1/events").startsWith("/v1/") && typeof res.body === "object") {
          // Every /v1 error is JSON with a message (OTLP answers carry it as a google.rpc.Status).
          expect(messagesOf(res.body).join(" ")).toMatch(/\S/);
        }
        if (c.mentions !== undefined) expect(messagesOf(res.body).join(" | ")).toContain(c.mentions);
        if (c.rejected !== undefined) expect(rejectedOf(res.body)).toEqual(c.rejected);

        const ids = await storedEventIds(p.id);
        if (c.stored !== undefined) expect(ids).toEqual([...c.stored].sort());
        else if (c.storedCount !== undefined) expect(ids).toHaveLength(c.storedCount);
        else expect(ids).toEqual([]);

        // What was stored reads back exactly as sent, through the API.
        const rejectedIndexes = new Set(rejectedOf(res.body).map(([i]) => i));
        const sent = sentItems(res.bytes, "events").filter((_, i) => !rejectedIndexes.has(i));
        for (const id of c.stored ?? []) {
          const original = sent.find((e) => e.id === id);
          expect(original, `sent event ${id}`).toBeDefined();
          const detail = await logDetail(p, id);
          for (const f of TEXT_FIELDS) if (original?.[f] !== undefined) expect(detail[f], `${id}.${f}`).toBe(original[f]);
          for (const f of JSON_FIELDS) {
            if (original?.[f] !== undefined) expect(JSON.stringify(detail[f]), `${id}.${f}`).toBe(JSON.stringify(original[f]));
          }
        }

        const feedback = await t.store.db.selectFrom("feedback").selectAll().where("project_id", "=", p.id).execute();
        expect(feedback.map((f) => f.id).sort()).toEqual([...(c.storedFeedback ?? [])].sort());
        const sentFeedback = sentItems(res.bytes, "feedback");
        for (const row of feedback) {
          const original = sentFeedback.find((f) => f.id === row.id);
          for (const [field, column] of FEEDBACK_FIELDS) {
            if (original?.[field] !== undefined) expect(row[column], `${row.id}.${field}`).toBe(original[field]);
          }
        }
      });
    }

    it("left every table in place and no prototype polluted", async () => {
      const events = await t.store.db
        .selectFrom("events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(events.n)).toBeGreaterThan(1000);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).events).toBeUndefined();
    });
  });
}
