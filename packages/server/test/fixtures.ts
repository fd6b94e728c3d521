import type { Store } from "../src/db/dialect/types.js";

/** A fixed past hour, so tests never depend on the clock (and stay inside the 24 h future limit). */
export const T0 = Date.parse("2026-11-20T10:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A minimal valid event; tests override what they look at. */
export function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timestamp: T0,
    provider: "openai",
    model: "gpt-4o",
    status: "success",
    latencyMs: 420,
    usage: { inputTokens: 100, outputTokens: 20 },
    ...overrides,
  };
}

/** `n` distinct events with ids `${prefix}-0 …`, one second apart. */
export function events(prefix: string, n: number, overrides: Record<string, unknown> = {}): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => event({ id: `${prefix}-${i}`, timestamp: T0 + i * 1000, ...overrides }));
}

export async function eventRows(store: Store, projectId: string) {
  return store.db.selectFrom("events").selectAll().where("project_id", "=", projectId).orderBy("id").execute();
}

/** Every rollup row of a project, in a stable order, for before/after comparisons. */
export async function rollupSnapshot(store: Store, projectId: string) {
  const hourly = await store.db
    .selectFrom("rollup_hourly")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("hour")
    .orderBy("provider")
    .orderBy("model")
    .orderBy("status")
    .orderBy("error_type")
    .orderBy("environment")
    .orderBy("feature")
    .orderBy("release")
    .execute();
  const minute = await store.db
    .selectFrom("rollup_minute")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("minute")
    .orderBy("provider")
    .orderBy("model")
    .execute();
  const userDaily = await store.db
    .selectFrom("rollup_user_daily")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("day")
    .orderBy("user_id")
    .execute();
  // Histogram JSON may list buckets in any order; compare them as objects.
  return {
    hourly: hourly.map((h) => ({ ...h, latency_hist: JSON.parse(h.latency_hist), ttft_hist: JSON.parse(h.ttft_hist) })),
    minute,
    userDaily,
  };
}
