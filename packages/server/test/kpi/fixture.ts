import type { Filters } from "@promptmeter/schema";
import { sql } from "kysely";
import { createKey } from "../../src/auth/api-keys.js";
import { ensureProject } from "../../src/auth/projects.js";
import { createPromptmeter, type Promptmeter } from "../../src/create-promptmeter.js";
import { ingestFeedback } from "../../src/ingest/ingest-feedback.js";
import { appRouter } from "../../src/router.js";
import { generateDataset } from "../../src/seed/generate.js";
import { openTestStore, type TestDialect } from "../dialects.js";

/** An event as the oracle sees it: the generated input with defaults applied and the stored cost. */
export interface OracleEvent {
  id: string;
  ts: number;
  provider: string;
  model: string;
  status: "success" | "error";
  errorType: string | null;
  errorMessage: string | null;
  release: string | null;
  feature: string | null;
  environment: string;
  userId: string | null;
  sessionId: string | null;
  tags: string[];
  latencyMs: number;
  ttftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  retries: number;
  fallback: boolean;
  cacheHit: boolean;
  streamed: boolean;
  /** As stored by ingest (pricing is tested on its own); null = unpriced. */
  costUsd: number | null;
  /** The cost the client reported, if any. */
  reportedCostUsd: number | null;
}

export interface OracleFeedback {
  id: string;
  ts: number;
  eventId: string | null;
  sessionId: string | null;
  userId: string | null;
  score: number;
  sentiment: "positive" | "neutral" | "negative";
  comment: string | null;
}

/**
 * The dataset's window: 30 days ending 2026-04-05 10:17 UTC, so it crosses the US (Mar 8) and
 * EU (Mar 29) DST changes and its ends are not on hour boundaries.
 */
export const END = Date.UTC(2026, 3, 5, 10, 17);
export const DAYS = 30;
export const START = END - DAYS * 86_400_000;
export const EVENT_COUNT = 6000;

export interface KpiFixture {
  pm: Promptmeter;
  /** Calls procedures as a read key of the main project would. */
  caller: ReturnType<typeof appRouter.createCaller>;
  /** Callers for the edge-case projects. */
  callers: {
    single: ReturnType<typeof appRouter.createCaller>;
    errorsOnly: ReturnType<typeof appRouter.createCaller>;
    empty: ReturnType<typeof appRouter.createCaller>;
  };
  events: OracleEvent[];
  feedback: OracleFeedback[];
  /** The edge-case projects' events, as the oracle sees them. */
  singleEvents: OracleEvent[];
  errorEvents: OracleEvent[];
  readKey: string;
  cleanup(): Promise<void>;
}

function normalizeScore(f: { score?: number; thumbs?: "up" | "down"; stars?: number }): number {
  if (f.score !== undefined) return f.score;
  if (f.thumbs !== undefined) return f.thumbs === "up" ? 1 : 0;
  return ((f.stars as number) - 1) / 4;
}

async function storedCosts(pm: Promptmeter, projectId: string): Promise<Map<string, number | null>> {
  const rows = await pm.store.db.selectFrom("events").select(["id", "cost_usd"]).where("project_id", "=", projectId).execute();
  return new Map(rows.map((r) => [r.id, r.cost_usd]));
}

/** A generated event as the oracles read it (costs: what the store priced it at, by id). */
export function toOracle(e: ReturnType<typeof generateDataset>["events"][number], costs: Map<string, number | null>): OracleEvent {
  return {
    id: e.id,
    ts: e.timestamp,
    provider: e.provider,
    model: e.model,
    status: e.status,
    errorType: e.status === "error" ? (e.errorType ?? "other") : null,
    errorMessage: e.errorMessage ?? null,
    release: e.release ?? null,
    feature: e.feature ?? null,
    environment: e.environment ?? "production",
    userId: e.userId ?? null,
    sessionId: e.sessionId ?? null,
    tags: e.tags ?? [],
    latencyMs: e.latencyMs,
    ttftMs: e.ttftMs ?? null,
    inputTokens: e.usage?.inputTokens ?? 0,
    outputTokens: e.usage?.outputTokens ?? 0,
    cacheReadTokens: e.usage?.cacheReadTokens ?? 0,
    cacheWriteTokens: e.usage?.cacheWriteTokens ?? 0,
    reasoningTokens: e.usage?.reasoningTokens ?? 0,
    retries: e.retries ?? 0,
    fallback: e.fallback ?? false,
    cacheHit: e.cacheHit ?? false,
    streamed: e.streamed ?? false,
    costUsd: costs.has(e.id) ? (costs.get(e.id) ?? null) : null,
    reportedCostUsd: e.costUsd ?? null,
  };
}

/** Seeds a fresh store of `dialect` with the generated dataset and the edge-case projects. */
export async function createKpiFixture(dialect: TestDialect, options: { events?: number; seed?: number } = {}): Promise<KpiFixture> {
  const test = await openTestStore(dialect);
  const pm = await createPromptmeter({ db: test.store });
  const main = await ensureProject(pm.store, "main");
  const single = await ensureProject(pm.store, "single");
  const errorsOnly = await ensureProject(pm.store, "errors-only");
  const empty = await ensureProject(pm.store, "empty");
  const data = generateDataset({ seed: options.seed ?? 7, events: options.events ?? EVENT_COUNT, days: DAYS, end: END });
  for (let i = 0; i < data.events.length; i += 1000) await pm.ingest.events(main.id, data.events.slice(i, i + 1000));
  for (let i = 0; i < data.feedback.length; i += 1000) await ingestFeedback(pm.store, main.id, data.feedback.slice(i, i + 1000));

  // One event; and a project where every request failed.
  const singleInput = [{ ...data.events[100]!, id: "single-1" }];
  await pm.ingest.events(single.id, singleInput);
  const errorInput = Array.from({ length: 5 }, (_, i) => ({
    id: `err-${i}`,
    timestamp: END - (i + 1) * 3_600_000,
    provider: "openai",
    model: "gpt-4o",
    status: "error" as const,
    errorType: (["timeout", "server_error", "rate_limit", "timeout", "auth"] as const)[i],
    errorMessage: "boom",
    latencyMs: 1000 * (i + 1),
    userId: `u${i % 2}`,
  }));
  await pm.ingest.events(errorsOnly.id, errorInput);

  // Autovacuum would analyze a freshly loaded table within a minute; without statistics the
  // planner takes every table for one row and nests loops over whole indexes.
  if (dialect === "postgres") await sql`ANALYZE`.execute(pm.store.db);
  const costs = await storedCosts(pm, main.id);
  const events = data.events.map((e) => toOracle(e, costs)).sort((a, b) => a.ts - b.ts);
  const feedback: OracleFeedback[] = data.feedback.map((f) => {
    const score = normalizeScore(f);
    return {
      id: f.id,
      ts: f.timestamp,
      eventId: f.eventId ?? null,
      sessionId: f.sessionId ?? null,
      userId: f.userId ?? null,
      score,
      sentiment: f.sentiment ?? (score >= 0.7 ? "positive" : score <= 0.3 ? "negative" : "neutral"),
      comment: f.comment ?? null,
    };
  });
  const singleCosts = await storedCosts(pm, single.id);
  const errorCosts = await storedCosts(pm, errorsOnly.id);
  const key = await createKey(pm.store, main.id, "read");
  const callerFor = (projectId: string) => appRouter.createCaller(pm.createContext({ projectId, canRead: true, canIngest: false }));
  return {
    pm,
    caller: callerFor(main.id),
    callers: { single: callerFor(single.id), errorsOnly: callerFor(errorsOnly.id), empty: callerFor(empty.id) },
    events,
    feedback,
    singleEvents: singleInput.map((e) => toOracle(e, singleCosts)),
    errorEvents: errorInput.map((e) => toOracle(e as never, errorCosts)),
    readKey: key.key,
    cleanup: async () => {
      await pm.close();
      await test.cleanup();
    },
  };
}

/** Filters used across KPI tests: none, several narrowing ones, and one that matches nothing. */
export const FILTER_CASES: { name: string; filters: Filters }[] = [
  { name: "no filters", filters: {} },
  { name: "model", filters: { model: "gpt-4o-mini" } },
  { name: "provider + feature", filters: { provider: "anthropic", feature: "code-assistant" } },
  { name: "user (events path)", filters: { userId: "user_0001" } },
  { name: "tag (events path)", filters: { tags: ["enterprise"] } },
  { name: "status error", filters: { status: "error" } },
  { name: "release + environment", filters: { release: "1.5.0", environment: "production" } },
  { name: "matches nothing", filters: { model: "no-such-model" } },
];
