import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDataset } from "../src/seed/generate.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";
import { rollupSnapshot } from "./fixtures.js";
import { postJson, projectWithKeys, type RunningServer, startServer, type TestProject } from "./http-harness.js";
import { rollupMismatches } from "./rollup-expectations.js";

const END = Date.parse("2026-11-20T00:00:00.000Z");
const dataset = generateDataset({ seed: 7, events: 3000, days: 2, end: END });
const BATCHES = 6;
/** Interleaved batches, so every rollup row is built from several batches' upserts. */
const batches = Array.from({ length: BATCHES }, (_, b) => dataset.events.filter((_, i) => i % BATCHES === b));

describe("the generated dataset exercises every rollup column", () => {
  it("has errors of outage and other kinds, ttft, retries, fallbacks, rescues, cache hits, reported costs and anonymous events", () => {
    const e = dataset.events;
    expect(e).toHaveLength(3000);
    expect(
      e.filter((x) => x.status === "error" && ["server_error", "timeout", "rate_limit", "network"].includes(x.errorType!)).length,
    ).toBeGreaterThan(0);
    expect(e.filter((x) => x.status === "error" && x.errorType === "invalid_request").length).toBeGreaterThan(0);
    expect(e.filter((x) => x.ttftMs !== undefined).length).toBeGreaterThan(0);
    expect(e.filter((x) => (x.retries ?? 0) > 0).length).toBeGreaterThan(0);
    expect(e.filter((x) => x.fallback).length).toBeGreaterThan(0);
    expect(e.filter((x) => x.cacheHit).length).toBeGreaterThan(0);
    expect(e.filter((x) => x.costUsd !== undefined).length).toBeGreaterThan(0);
    expect(e.filter((x) => (x.usage?.cacheWriteTokens ?? 0) > 0).length).toBeGreaterThan(0);
    expect(e.filter((x) => x.userId === undefined).length).toBeGreaterThan(0);
    expect(new Set(e.map((x) => x.environment)).size).toBe(2);
  });
});

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`rollups on ${dialect}`, () => {
    let t: TestStore;
    let srv: RunningServer;
    let p: TestProject;
    beforeAll(async () => {
      t = await openTestStore(dialect);
      srv = await startServer(t.store);
      p = await projectWithKeys(t.store, "rollups");
      for (const batch of batches) {
        const res = await postJson(`${srv.base}/v1/events`, { events: batch }, p.ingestKey);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ accepted: batch.length, duplicates: 0, rejected: [] });
      }
    });
    afterAll(async () => {
      await srv?.close();
      await t?.cleanup();
    });

    it("hourly, minute and user-day rollups equal sums over the events, and a resend leaves them unchanged", async () => {
      expect(await rollupMismatches(t.store, p.id, dataset.events)).toEqual([]);
      // The comparison itself notices one event too many or too few.
      expect((await rollupMismatches(t.store, p.id, dataset.events.slice(1))).length).toBeGreaterThan(0);

      // Some models of the catalog have no price: their requests are counted, never as $0.
      const unpriced = await t.store.db
        .selectFrom("events")
        .select(["model", "cost_source"])
        .where("project_id", "=", p.id)
        .where("cost_usd", "is", null)
        .execute();
      expect(unpriced.length).toBeGreaterThan(0);
      expect(new Set(unpriced.map((r) => r.cost_source))).toEqual(new Set(["unpriced"]));

      const before = await rollupSnapshot(t.store, p.id);
      const resend = await postJson(`${srv.base}/v1/events`, { events: batches[2] }, p.ingestKey);
      expect(resend.body).toEqual({ accepted: 0, duplicates: batches[2]!.length, rejected: [] });
      expect(await rollupSnapshot(t.store, p.id)).toEqual(before);
    });

    it("defaults land in the rollup keys: error type 'other', environment 'production', no feature or release ''", async () => {
      const q = await projectWithKeys(t.store, "rollup-defaults");
      const sent = [
        { id: "d1", timestamp: END - 3_600_000, provider: "openai", model: "gpt-4o", status: "error" as const, latencyMs: 12 },
        { id: "d2", timestamp: END - 3_599_000, provider: "openai", model: "gpt-4o", status: "error" as const, latencyMs: 0.4 },
        {
          id: "d3",
          timestamp: END - 3_000_000,
          provider: "openai",
          model: "gpt-4o",
          status: "success" as const,
          latencyMs: 80,
          userId: "u",
        },
      ];
      expect((await postJson(`${srv.base}/v1/events`, { events: sent }, q.ingestKey)).status).toBe(200);
      expect(await rollupMismatches(t.store, q.id, sent)).toEqual([]);
      const keys = await t.store.db
        .selectFrom("rollup_hourly")
        .select(["status", "error_type", "environment", "feature", "release", "requests"])
        .where("project_id", "=", q.id)
        .orderBy("status")
        .execute();
      expect(keys).toEqual([
        { status: "error", error_type: "other", environment: "production", feature: "", release: "", requests: 2 },
        { status: "success", error_type: "", environment: "production", feature: "", release: "", requests: 1 },
      ]);
    });

    it("the stored events are the events sent, field for field", async () => {
      const rows = await t.store.db.selectFrom("events").selectAll().where("project_id", "=", p.id).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const mismatches: string[] = [];
      for (const e of dataset.events) {
        const r = byId.get(e.id);
        const want = {
          ts: e.timestamp,
          provider: e.provider,
          model: e.model,
          status: e.status,
          error_type: e.errorType ?? null,
          input_tokens: e.usage?.inputTokens ?? 0,
          output_tokens: e.usage?.outputTokens ?? 0,
          cache_read_tokens: e.usage?.cacheReadTokens ?? 0,
          cache_write_tokens: e.usage?.cacheWriteTokens ?? 0,
          reasoning_tokens: e.usage?.reasoningTokens ?? 0,
          latency_ms: e.latencyMs,
          ttft_ms: e.ttftMs ?? null,
          retries: e.retries ?? 0,
          fallback: e.fallback ? 1 : 0,
          cache_hit: e.cacheHit ? 1 : 0,
          user_id: e.userId ?? null,
          session_id: e.sessionId ?? null,
          feature: e.feature ?? null,
          environment: e.environment ?? "production",
          release: e.release ?? null,
          tags: e.tags ? JSON.stringify(e.tags) : null,
          has_payload: e.input !== undefined || e.output !== undefined ? 1 : 0,
        };
        const got = r && Object.fromEntries(Object.keys(want).map((k) => [k, r[k as keyof typeof r]]));
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${e.id}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
        if (e.costUsd !== undefined && (r?.cost_usd !== e.costUsd || r?.cost_source !== "reported"))
          mismatches.push(`${e.id}: reported cost`);
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      const payloads = await t.store.db.selectFrom("event_payloads").selectAll().where("project_id", "=", p.id).execute();
      expect(payloads).toHaveLength(dataset.events.filter((e) => e.input !== undefined || e.output !== undefined).length);
      const sample = dataset.events.find((e) => e.input !== undefined)!;
      expect(JSON.parse(payloads.find((x) => x.event_id === sample.id)!.input!)).toEqual(sample.input);
    });
  });
}
