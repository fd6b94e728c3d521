import type { Store } from "../src/db/dialect/types.js";
import type { GeneratedItem } from "../src/seed/generate.js";

/**
 * Rollups recomputed the slow, obvious way from the events as the client sent them, so the
 * comparison never leans on the server's own aggregation code. Costs are the one input taken
 * from the store (events.cost_usd), since pricing is tested on its own.
 */
type SentEvent = GeneratedItem["event"];

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const OUTAGE = ["server_error", "timeout", "network", "rate_limit"];
const GROWTH = 1.03;

interface HourlyExpect {
  requests: number;
  cost_usd: number;
  priced_requests: number;
  unpriced_requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  latency_sum: number;
  ttft_sum: number;
  ttft_count: number;
  streamed: number;
  retried: number;
  retries_sum: number;
  fallbacks: number;
  rescued: number;
  cache_hits: number;
  latencies: number[];
  ttfts: number[];
}

function hourlyKey(e: SentEvent): string {
  const hour = Math.floor(e.timestamp / HOUR) * HOUR;
  const errorType = e.status === "error" ? (e.errorType ?? "other") : "";
  return [hour, e.provider, e.model, e.status, errorType, e.environment ?? "production", e.feature ?? "", e.release ?? ""].join("|");
}

/** Whether `ms` falls in the documented log bucket `b`: [1.03^(b−1), 1.03^b), bucket 0 below 1 ms. */
function inBucket(ms: number, b: number): boolean {
  if (b === 0) return ms < 1;
  return ms >= GROWTH ** (b - 1) && ms < GROWTH ** b;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/** Compares every rollup table of a project with the events that were sent; returns the differences found. */
export async function rollupMismatches(store: Store, projectId: string, sent: readonly SentEvent[]): Promise<string[]> {
  const problems: string[] = [];
  const costRows = await store.db.selectFrom("events").select(["id", "cost_usd"]).where("project_id", "=", projectId).execute();
  const costOf = new Map(costRows.map((r) => [r.id, r.cost_usd]));
  if (costRows.length !== sent.length) problems.push(`events: ${costRows.length} stored, ${sent.length} sent`);

  // rollup_hourly
  const hourly = new Map<string, HourlyExpect>();
  for (const e of sent) {
    const key = hourlyKey(e);
    let h = hourly.get(key);
    if (!h) {
      h = {
        requests: 0,
        cost_usd: 0,
        priced_requests: 0,
        unpriced_requests: 0,
        input_tokens: 0,
        output_tokens: 0,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        reasoning_tokens: 0,
        latency_sum: 0,
        ttft_sum: 0,
        ttft_count: 0,
        streamed: 0,
        retried: 0,
        retries_sum: 0,
        fallbacks: 0,
        rescued: 0,
        cache_hits: 0,
        latencies: [],
        ttfts: [],
      };
      hourly.set(key, h);
    }
    h.requests += 1;
    const cost = costOf.get(e.id);
    if (cost === null || cost === undefined) h.unpriced_requests += 1;
    else {
      h.priced_requests += 1;
      h.cost_usd += cost;
    }
    h.input_tokens += e.usage?.inputTokens ?? 0;
    h.output_tokens += e.usage?.outputTokens ?? 0;
    h.cache_read_tokens += e.usage?.cacheReadTokens ?? 0;
    h.cache_write_tokens += e.usage?.cacheWriteTokens ?? 0;
    h.reasoning_tokens += e.usage?.reasoningTokens ?? 0;
    h.latency_sum += e.latencyMs;
    h.latencies.push(e.latencyMs);
    if (e.ttftMs !== undefined) {
      h.ttft_sum += e.ttftMs;
      h.ttft_count += 1;
      h.ttfts.push(e.ttftMs);
    }
    if (e.streamed) h.streamed += 1;
    const retries = e.retries ?? 0;
    if (retries > 0) h.retried += 1;
    h.retries_sum += retries;
    if (e.fallback) h.fallbacks += 1;
    if ((retries > 0 || e.fallback) && e.status === "success") h.rescued += 1;
    if (e.cacheHit) h.cache_hits += 1;
  }
  const hourlyRows = await store.db.selectFrom("rollup_hourly").selectAll().where("project_id", "=", projectId).execute();
  const seenHourly = new Set<string>();
  for (const row of hourlyRows) {
    const key = [row.hour, row.provider, row.model, row.status, row.error_type, row.environment, row.feature, row.release].join("|");
    seenHourly.add(key);
    const want = hourly.get(key);
    if (!want) {
      problems.push(`hourly ${key}: row without events`);
      continue;
    }
    for (const field of Object.keys(want) as (keyof HourlyExpect)[]) {
      if (field === "latencies" || field === "ttfts") continue;
      const got = row[field];
      if (!close(got, want[field])) problems.push(`hourly ${key} ${field}: ${got} ≠ ${want[field]}`);
    }
    for (const [column, values] of [
      ["latency_hist", want.latencies],
      ["ttft_hist", want.ttfts],
    ] as const) {
      const hist = JSON.parse(row[column]) as Record<string, number>;
      const total = Object.values(hist).reduce((s, n) => s + n, 0);
      if (total !== values.length) problems.push(`hourly ${key} ${column}: holds ${total} values, expected ${values.length}`);
      for (const [bucket, n] of Object.entries(hist)) {
        const inIt = values.filter((v) => inBucket(v, Number(bucket))).length;
        if (inIt !== n) problems.push(`hourly ${key} ${column}[${bucket}]: ${n} ≠ ${inIt}`);
      }
    }
  }
  for (const key of hourly.keys()) if (!seenHourly.has(key)) problems.push(`hourly ${key}: missing row`);

  // rollup_minute
  const minute = new Map<string, { requests: number; errors: number; outage_errors: number }>();
  for (const e of sent) {
    const key = [Math.floor(e.timestamp / MINUTE) * MINUTE, e.provider, e.model].join("|");
    const m = minute.get(key) ?? { requests: 0, errors: 0, outage_errors: 0 };
    m.requests += 1;
    if (e.status === "error") {
      m.errors += 1;
      if (OUTAGE.includes(e.errorType ?? "other")) m.outage_errors += 1;
    }
    minute.set(key, m);
  }
  const minuteRows = await store.db.selectFrom("rollup_minute").selectAll().where("project_id", "=", projectId).execute();
  if (minuteRows.length !== minute.size) problems.push(`minute: ${minuteRows.length} rows, expected ${minute.size}`);
  for (const row of minuteRows) {
    const key = [row.minute, row.provider, row.model].join("|");
    const want = minute.get(key);
    const got = { requests: row.requests, errors: row.errors, outage_errors: row.outage_errors };
    if (!want) problems.push(`minute ${key}: row without events`);
    else if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`minute ${key}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  }

  // rollup_minute_totals: every minute's requests and failures over all providers and models
  const minuteTotals = new Map<number, { requests: number; errors: number }>();
  for (const e of sent) {
    const key = Math.floor(e.timestamp / MINUTE) * MINUTE;
    const m = minuteTotals.get(key) ?? { requests: 0, errors: 0 };
    m.requests += 1;
    if (e.status === "error") m.errors += 1;
    minuteTotals.set(key, m);
  }
  const totalRows = await store.db.selectFrom("rollup_minute_totals").selectAll().where("project_id", "=", projectId).execute();
  if (totalRows.length !== minuteTotals.size) problems.push(`minute totals: ${totalRows.length} rows, expected ${minuteTotals.size}`);
  for (const row of totalRows) {
    const want = minuteTotals.get(Number(row.minute));
    const got = { requests: Number(row.requests), errors: Number(row.errors) };
    if (!want) problems.push(`minute totals ${row.minute}: row without events`);
    else if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(`minute totals ${row.minute}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  }

  // rollup_error_messages_hourly: failures per hour, error type and raw message text
  const failures = new Map<string, { failures: number; last_ts: number }>();
  for (const e of sent) {
    if (e.status !== "error") continue;
    const key = JSON.stringify([Math.floor(e.timestamp / HOUR) * HOUR, e.errorType ?? "other", e.errorMessage ?? null]);
    const f = failures.get(key) ?? { failures: 0, last_ts: -1 };
    f.failures += 1;
    f.last_ts = Math.max(f.last_ts, e.timestamp);
    failures.set(key, f);
  }
  const messageRows = await store.db.selectFrom("rollup_error_messages_hourly").selectAll().where("project_id", "=", projectId).execute();
  if (messageRows.length !== failures.size) problems.push(`error messages: ${messageRows.length} rows, expected ${failures.size}`);
  for (const row of messageRows) {
    const key = JSON.stringify([Number(row.hour), row.error_type, row.error_message]);
    const want = failures.get(key);
    const got = { failures: Number(row.failures), last_ts: Number(row.last_ts) };
    if (!want) problems.push(`error messages ${key}: row without failures`);
    else if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(`error messages ${key}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  }

  // rollup_user_daily
  type UserDay = {
    requests: number;
    errors: number;
    cost_usd: number;
    unpriced_requests: number;
    tokens: number;
    first_ts: number;
    last_ts: number;
  };
  const userDaily = new Map<string, UserDay>();
  for (const e of sent) {
    if (e.userId === undefined) continue;
    const key = [Math.floor(e.timestamp / DAY) * DAY, e.userId].join("|");
    const u = userDaily.get(key) ?? {
      requests: 0,
      errors: 0,
      cost_usd: 0,
      unpriced_requests: 0,
      tokens: 0,
      first_ts: Number.POSITIVE_INFINITY,
      last_ts: Number.NEGATIVE_INFINITY,
    };
    u.requests += 1;
    if (e.status === "error") u.errors += 1;
    const cost = costOf.get(e.id);
    if (cost === null || cost === undefined) u.unpriced_requests += 1;
    else u.cost_usd += cost;
    u.tokens += (e.usage?.inputTokens ?? 0) + (e.usage?.outputTokens ?? 0);
    u.first_ts = Math.min(u.first_ts, e.timestamp);
    u.last_ts = Math.max(u.last_ts, e.timestamp);
    userDaily.set(key, u);
  }
  const userRows = await store.db.selectFrom("rollup_user_daily").selectAll().where("project_id", "=", projectId).execute();
  if (userRows.length !== userDaily.size) problems.push(`user_daily: ${userRows.length} rows, expected ${userDaily.size}`);
  for (const row of userRows) {
    const key = [row.day, row.user_id].join("|");
    const want = userDaily.get(key);
    if (!want) {
      problems.push(`user_daily ${key}: row without events`);
      continue;
    }
    for (const field of Object.keys(want) as (keyof UserDay)[]) {
      if (!close(row[field], want[field])) problems.push(`user_daily ${key} ${field}: ${row[field]} ≠ ${want[field]}`);
    }
  }
  return problems;
}
