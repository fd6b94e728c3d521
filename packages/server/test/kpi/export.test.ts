import type { Server } from "node:http";
import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../src/auth/api-keys.js";
import { ensureProject } from "../../src/auth/projects.js";
import { createNodeServer, listen } from "../../src/http/node-server.js";
import { generateDataset } from "../../src/seed/generate.js";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, DAYS, END, EVENT_COUNT, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;

interface Answer {
  status: number;
  contentType: string | null;
  lines: Record<string, any>[];
  chunks: number;
  text: string;
}

/** The filters as export query parameters (tags comma-separated). */
function filterParams(f: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(",") : String(v);
  return out;
}

/** Oldest first; equal timestamps in ingestion order, as fx.events keeps them. */
function oldestFirst(events: readonly OracleEvent[]): string[] {
  return events.map((e) => e.id);
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`GET /v1/export on ${dialect}`, () => {
    let fx: KpiFixture;
    let server: Server;
    let base: string;
    let ingestKey: string;
    let singleReadKey: string;

    async function get(params: Record<string, string> | string, key: string | null = fx.readKey, method = "GET"): Promise<Answer> {
      const query = typeof params === "string" ? params : new URLSearchParams(params).toString();
      const res = await fetch(`${base}/v1/export?${query}`, { method, headers: key ? { authorization: `Bearer ${key}` } : {} });
      let chunks = 0;
      let text = "";
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        chunks += 1;
        text += decoder.decode(chunk, { stream: true });
      }
      const isJsonl = res.status === 200;
      return {
        status: res.status,
        contentType: res.headers.get("content-type"),
        lines: isJsonl
          ? text
              .split("\n")
              .filter((l) => l !== "")
              .map((l) => JSON.parse(l))
          : [JSON.parse(text)],
        chunks,
        text,
      };
    }

    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
      const main = await ensureProject(fx.pm.store, "main");
      ingestKey = (await createKey(fx.pm.store, main.id, "ingest")).key;
      singleReadKey = (await createKey(fx.pm.store, (await ensureProject(fx.pm.store, "single")).id, "read")).key;
      server = createNodeServer(fx.pm.fetchHandler);
      base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await fx?.cleanup();
    });

    it("streams every event of the range as JSONL, oldest first, page after page", async () => {
      const a = await get({ from: new Date(START).toISOString(), to: new Date(END).toISOString() });
      expect(a.status).toBe(200);
      expect(a.contentType).toMatch(/^application\/x-ndjson/);
      expect(a.lines.map((l) => l.id)).toEqual(oldestFirst(select(fx.events, START, END, {})));
      expect(a.lines).toHaveLength(EVENT_COUNT);
      // 6,000 events leave in 500-event pages, not as one buffered body.
      expect(a.chunks).toBeGreaterThan(1);
      const byId = new Map(fx.events.map((e) => [e.id, e]));
      for (const l of a.lines.slice(0, 300)) {
        const e = byId.get(l.id)!;
        expect(l).toMatchObject({
          timestamp: new Date(e.ts).toISOString(),
          model: e.model,
          status: e.status,
          errorMessage: e.errorMessage,
          costUsd: e.costUsd,
          latencyMs: e.latencyMs,
          userId: e.userId,
          tags: e.tags,
          rescued: (e.retries > 0 || e.fallback) && e.status === "success",
        });
        expect(l).not.toHaveProperty("input");
        expect(l).not.toHaveProperty("feedback");
      }
    });

    for (const { name, filters } of FILTER_CASES) {
      it(`filters: ${name}, unaligned epoch-ms range`, async () => {
        const from = END - 3 * D - 17 * 60_000;
        const to = END - 5 * H + 41 * 60_000;
        const a = await get({ from: String(from), to: String(to), ...filterParams(filters) });
        expect(a.status).toBe(200);
        expect(a.lines.map((l) => l.id)).toEqual(oldestFirst(select(fx.events, from, to, filters)));
      });
    }

    it("minScore 0.7 with payloads and feedback: a fine-tuning set", async () => {
      const generated = new Map(generateDataset({ seed: 7, events: EVENT_COUNT, days: DAYS, end: END }).events.map((g) => [g.id, g]));
      const a = await get({ from: String(START), to: String(END), minScore: "0.7", include: "payloads,feedback" });
      const scores = new Map<string, number[]>();
      for (const f of fx.feedback) if (f.eventId !== null) scores.set(f.eventId, [...(scores.get(f.eventId) ?? []), f.score]);
      const exp = select(fx.events, START, END, {}).filter((e) => {
        const s = scores.get(e.id);
        return s !== undefined && s.reduce((x, y) => x + y, 0) / s.length >= 0.7;
      });
      expect(exp.length).toBeGreaterThan(50);
      expect(a.lines.map((l) => l.id)).toEqual(oldestFirst(exp));
      let withPayload = 0;
      for (const l of a.lines) {
        const g = generated.get(l.id)!;
        expect(l.input).toEqual(g.input ?? null);
        expect(l.output).toEqual(g.output ?? null);
        if (l.input !== null) withPayload += 1;
        expect(l.feedback.map((f: { score: number }) => f.score)).toEqual(scores.get(l.id));
        expect(l.feedback.every((f: { eventId: string }) => f.eventId === l.id)).toBe(true);
      }
      expect(withPayload).toBeGreaterThan(0);
    });

    it("tags may repeat or be comma-separated; both must all match", async () => {
      const one = await get(`from=${START}&to=${END}&tags=enterprise&tags=beta`);
      const two = await get(`from=${START}&to=${END}&tags=enterprise,beta`);
      const exp = oldestFirst(select(fx.events, START, END, { tags: ["enterprise", "beta"] }));
      expect(one.lines.map((l) => l.id)).toEqual(exp);
      expect(two.lines.map((l) => l.id)).toEqual(exp);
      const enterprise = await get(`from=${START}&to=${END}&tags=enterprise`);
      expect(enterprise.lines.map((l) => l.id)).toEqual(oldestFirst(select(fx.events, START, END, { tags: ["enterprise"] })));
    });

    it("an empty range is an empty 200 body; a read key sees only its own project", async () => {
      const empty = await get({ from: String(START - 10 * H), to: String(START - 5 * H) });
      expect(empty.status).toBe(200);
      expect(empty.text).toBe("");
      const single = await get({ from: String(START), to: String(END) }, singleReadKey);
      expect(single.lines.map((l) => l.id)).toEqual(["single-1"]);
      // Default range is the last 7 days, long after the generated month.
      expect((await get({})).lines).toEqual([]);
    });

    it("answers 401, 403, 405 and 400 with SPEC error bodies", async () => {
      const cases: [Answer, number, string][] = [
        [await get({}, null), 401, "unauthorized"],
        [await get({}, "pm_read_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401, "unauthorized"],
        [await get({}, ingestKey), 403, "forbidden"],
        [await get({}, fx.readKey, "POST"), 405, "method_not_allowed"],
        [await get({ modle: "gpt-4o" }), 400, "invalid_query"],
        [await get({ minScore: "high" }), 400, "invalid_query"],
        [await get({ minScore: "1.5" }), 400, "invalid_query"],
        [await get({ include: "payloads,secrets" }), 400, "invalid_query"],
        [await get({ from: "yesterday", to: String(END) }), 400, "invalid_query"],
        [await get({ from: String(END), to: String(START) }), 400, "invalid_query"],
        [await get({ to: String(END) }), 400, "invalid_query"],
        [await get({ status: "maybe" }), 400, "invalid_query"],
      ];
      for (const [answer, status, code] of cases) {
        expect(answer.status).toBe(status);
        expect(answer.lines[0]).toMatchObject({ error: { code } });
      }
    });
  });
}
