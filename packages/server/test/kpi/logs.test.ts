import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "../../src/auth/projects.js";
import { appRouter } from "../../src/router.js";
import { generateDataset } from "../../src/seed/generate.js";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, DAYS, END, EVENT_COUNT, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;

type Caller = KpiFixture["caller"];
type Row = Awaited<ReturnType<Caller["logs"]["list"]>>["rows"][number];

/** Every page of logs.list, following nextCursor. */
async function allPages(
  caller: Caller,
  input: Omit<Parameters<Caller["logs"]["list"]>[0], "cursor">,
): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<Caller["logs"]["list"]>> = await caller.logs.list({ ...input, cursor });
    rows.push(...page.rows);
    pages += 1;
    cursor = page.nextCursor;
    expect(pages).toBeLessThan(1000);
  } while (cursor !== null);
  return { rows, pages };
}

/** Newest first; among equal timestamps the later-ingested first (fx.events keeps ingestion order within a timestamp). */
function newestFirst(events: readonly OracleEvent[]): OracleEvent[] {
  return [...events].reverse();
}

/** The row the oracle expects for an event: SPEC camelCase fields from the generated input. */
function expectedRow(e: OracleEvent) {
  return {
    id: e.id,
    timestamp: new Date(e.ts).toISOString(),
    provider: e.provider,
    model: e.model,
    status: e.status,
    errorType: e.errorType,
    errorMessage: e.errorMessage,
    usage: {
      inputTokens: e.inputTokens,
      outputTokens: e.outputTokens,
      cacheReadTokens: e.cacheReadTokens,
      cacheWriteTokens: e.cacheWriteTokens,
      reasoningTokens: e.reasoningTokens,
    },
    costUsd: e.costUsd,
    costSource: e.reportedCostUsd !== null ? "reported" : e.costUsd === null ? "unpriced" : "computed",
    latencyMs: e.latencyMs,
    ttftMs: e.ttftMs,
    streamed: e.streamed,
    retries: e.retries,
    fallback: e.fallback,
    cacheHit: e.cacheHit,
    rescued: (e.retries > 0 || e.fallback) && e.status === "success",
    userId: e.userId,
    sessionId: e.sessionId,
    feature: e.feature,
    environment: e.environment,
    release: e.release,
    tags: e.tags,
  };
}

const RANGES = [
  { name: "whole 30 days", from: START, to: END, limit: 200 },
  { name: "3 days, unaligned edges", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000, limit: 37 },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`logs on ${dialect}`, () => {
    let fx: KpiFixture;
    let special: Caller;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
      const project = await ensureProject(fx.pm.store, "logs-special");
      const at = Date.UTC(2026, 3, 1, 12);
      const base = { provider: "openai", model: "gpt-4o", latencyMs: 100 } as const;
      await fx.pm.ingest.events(project.id, [
        { ...base, id: "pct", timestamp: at - 5000, status: "error", errorType: "rate_limit", errorMessage: "100% of quota used" },
        { ...base, id: "under", timestamp: at - 4000, status: "error", errorType: "other", errorMessage: "hit rate_limit again" },
        { ...base, id: "slash", timestamp: at - 3000, status: "error", errorType: "other", errorMessage: "path C:\\tmp\\x failed" },
        { ...base, id: "ok", timestamp: at - 2000, status: "success" },
        ...Array.from({ length: 5 }, (_, i) => ({ ...base, id: `same-${i}`, timestamp: at, status: "success" as const })),
      ]);
      special = appRouter.createCaller(fx.pm.createContext({ projectId: project.id, canRead: true, canIngest: false }));
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}: every page, newest first, each event once`, async () => {
          const { rows, pages } = await allPages(fx.caller, { range: { from: range.from, to: range.to }, filters, limit: range.limit });
          const exp = newestFirst(select(fx.events, range.from, range.to, filters));
          expect(rows.map((r) => r.id)).toEqual(exp.map((e) => e.id));
          expect(pages).toBe(Math.max(1, Math.ceil(exp.length / range.limit)));
          const expRows = exp.map(expectedRow);
          const keys = Object.keys(expRows[0] ?? {}) as (keyof Row)[];
          expect(rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])))).toEqual(expRows);
        });
      }
    }

    for (const q of ["TIMEOUT", "Rate Limit", "429", "%", "_", "quota exceeded"]) {
      it(`text search ${JSON.stringify(q)} is a case-insensitive substring of errorMessage`, async () => {
        const filters: Filters = q === "429" ? { provider: "openai" } : {};
        const { rows } = await allPages(fx.caller, { range: { from: START, to: END }, filters, q, limit: 200 });
        const exp = newestFirst(
          select(fx.events, START, END, filters).filter((e) => e.errorMessage?.toLowerCase().includes(q.toLowerCase())),
        );
        expect(rows.map((r) => r.id)).toEqual(exp.map((e) => e.id));
        if (q !== "%" && q !== "_") expect(exp.length).toBeGreaterThan(0);
      });
    }

    it("LIKE wildcards and backslashes in the search match themselves", async () => {
      const ids = async (q: string) => (await special.logs.list({ range: { from: START, to: END }, q })).rows.map((r) => r.id).sort();
      expect(await ids("0% of")).toEqual(["pct"]);
      expect(await ids("%")).toEqual(["pct"]);
      expect(await ids("e_l")).toEqual(["under"]);
      expect(await ids("_")).toEqual(["under"]);
      expect(await ids("c:\\TMP\\")).toEqual(["slash"]);
      expect(await ids("\\")).toEqual(["slash"]);
      expect(await ids("q%a")).toEqual([]);
    });

    it("pages split inside a run of equal timestamps without losing or repeating an event", async () => {
      const { rows, pages } = await allPages(special, { range: { from: START, to: END }, limit: 2 });
      expect(rows.map((r) => r.id)).toEqual(["same-4", "same-3", "same-2", "same-1", "same-0", "ok", "slash", "under", "pct"]);
      expect(pages).toBe(5);
    });

    it("rejects a cursor it did not make and a page over 200", async () => {
      await expect(fx.caller.logs.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(fx.caller.logs.list({ limit: 201 })).rejects.toThrow();
    });

    it("an empty range, and a project with a single event", async () => {
      expect(await fx.caller.logs.list({ range: { from: START - 10 * H, to: START - 5 * H } })).toEqual({ rows: [], nextCursor: null });
      const single = await fx.callers.single.logs.list({ range: { from: START, to: END } });
      expect(single.rows).toHaveLength(1);
      expect(single.rows[0]).toMatchObject(expectedRow(fx.singleEvents[0]!));
      expect(single.nextCursor).toBeNull();
    });

    it("get returns the event with its payloads parsed back and its feedback", async () => {
      const generated = generateDataset({ seed: 7, events: EVENT_COUNT, days: DAYS, end: END });
      const withPayload = generated.events.filter((e) => e.input !== undefined);
      expect(withPayload.length).toBeGreaterThan(10);
      for (const g of withPayload.slice(0, 5)) {
        const detail = await fx.caller.logs.get({ id: g.id! });
        expect(detail).toMatchObject(expectedRow(fx.events.find((e) => e.id === g.id)!));
        expect(detail.hasPayload).toBe(true);
        expect(detail.input).toEqual(g.input);
        expect(detail.output).toEqual(g.output ?? null);
      }
      const rated = fx.feedback.find((f) => f.eventId !== null && f.comment !== null)!;
      const detail = await fx.caller.logs.get({ id: rated.eventId! });
      const exp = fx.feedback.filter((f) => f.eventId === rated.eventId);
      expect(
        detail.feedback.map((f) => ({ id: f.id, score: f.score, sentiment: f.sentiment, comment: f.comment, userId: f.userId })),
      ).toEqual(exp.map((f) => ({ id: f.id, score: f.score, sentiment: f.sentiment, comment: f.comment, userId: f.userId })));
      const plain = fx.events.find(
        (e) => !generated.events.some((g) => g.id === e.id && (g.input !== undefined || g.output !== undefined)),
      )!;
      expect(await fx.caller.logs.get({ id: plain.id })).toMatchObject({ input: null, output: null, hasPayload: false });
    });

    it("get answers NOT_FOUND for another project's event and for unknown ids", async () => {
      const id = fx.events[0]!.id;
      await expect(fx.callers.empty.logs.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(fx.caller.logs.get({ id: "no-such-event" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });
}
