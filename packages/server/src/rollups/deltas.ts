import type {
  EventsTable,
  RollupDailyTable,
  RollupHourlyTable,
  RollupMinuteTable,
  RollupUserDailyTable,
  RollupUsersTable,
} from "../db/tables.js";
import { addToHistogram, type Histogram } from "./latency-histogram.js";

/** An event row as written (no generated columns). */
export type EventRow = Omit<EventsTable, "seq">;

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Failure kinds that count against a provider's availability (SPEC.md §4 kpi.reliability). */
export const OUTAGE_ERROR_TYPES: ReadonlySet<string> = new Set(["server_error", "timeout", "network", "rate_limit"]);

export type HourlyDelta = RollupHourlyTable;
export type MinuteDelta = RollupMinuteTable;
export type UserDailyDelta = RollupUserDailyTable;
export type DailyDelta = RollupDailyTable;
export type UsersDelta = RollupUsersTable;

export interface RollupDeltas {
  hourly: HourlyDelta[];
  minute: MinuteDelta[];
  userDaily: UserDailyDelta[];
  daily: DailyDelta[];
  users: UsersDelta[];
}

type HourlyAcc = HourlyDelta & { lh: Histogram; th: Histogram };

/** Folds the batch's hourly rows into UTC days (sums add, histograms merge): few rows, no pass over the events. */
function dailyOf(hourly: Iterable<HourlyAcc>): DailyDelta[] {
  const days = new Map<string, Omit<DailyDelta, "latency_hist" | "ttft_hist"> & { lh: Histogram; th: Histogram }>();
  for (const { hour, lh, th, latency_hist: _l, ttft_hist: _t, ...h } of hourly) {
    const day = Math.floor(hour / DAY) * DAY;
    const key = `${h.project_id}\u0000${day}\u0000${h.provider}\u0000${h.model}\u0000${h.status}\u0000${h.error_type}\u0000${h.environment}\u0000${h.feature}\u0000${h.release}`;
    const d = days.get(key);
    if (!d) {
      days.set(key, { ...h, day, lh: { ...lh }, th: { ...th } });
      continue;
    }
    for (const c of SUMMED) d[c] += h[c];
    for (const [k, n] of Object.entries(lh)) d.lh[k] = (d.lh[k] ?? 0) + n;
    for (const [k, n] of Object.entries(th)) d.th[k] = (d.th[k] ?? 0) + n;
  }
  return [...days.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([, { lh, th, ...d }]) => ({ ...d, latency_hist: JSON.stringify(lh), ttft_hist: JSON.stringify(th) }));
}

const SUMMED = [
  "requests",
  "cost_usd",
  "priced_requests",
  "unpriced_requests",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "latency_sum",
  "ttft_sum",
  "ttft_count",
  "streamed",
  "retried",
  "retries_sum",
  "fallbacks",
  "rescued",
  "rescue_attempts",
  "cache_hits",
] as const;

/** Each user's first and last request in the batch. */
function usersOf(userDaily: Iterable<UserDailyDelta>): UsersDelta[] {
  const users = new Map<string, UsersDelta>();
  for (const u of userDaily) {
    const key = `${u.project_id}\u0000${u.user_id}`;
    const seen = users.get(key);
    if (!seen) users.set(key, { project_id: u.project_id, user_id: u.user_id, first_ts: u.first_ts, last_ts: u.last_ts });
    else {
      if (u.first_ts < seen.first_ts) seen.first_ts = u.first_ts;
      if (u.last_ts > seen.last_ts) seen.last_ts = u.last_ts;
    }
  }
  return [...users.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, u]) => u);
}

/**
 * Folds a batch of newly stored events into one delta per touched rollup row, sorted by key
 * so that concurrent writers (PostgreSQL replicas) take row locks in the same order.
 */
export function buildRollupDeltas(rows: readonly EventRow[]): RollupDeltas {
  const hourly = new Map<string, HourlyAcc>();
  const minute = new Map<string, MinuteDelta>();
  const userDaily = new Map<string, UserDailyDelta>();

  for (const e of rows) {
    const hour = Math.floor(e.ts / HOUR) * HOUR;
    const errorType = e.error_type ?? "";
    const feature = e.feature ?? "";
    const release = e.release ?? "";
    const hk = [e.project_id, hour, e.provider, e.model, e.status, errorType, e.environment, feature, release].join("\u0000");
    let h = hourly.get(hk);
    if (!h) {
      h = {
        project_id: e.project_id,
        hour,
        provider: e.provider,
        model: e.model,
        status: e.status,
        error_type: errorType,
        environment: e.environment,
        feature,
        release,
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
        rescue_attempts: 0,
        cache_hits: 0,
        latency_hist: "",
        ttft_hist: "",
        lh: {},
        th: {},
      };
      hourly.set(hk, h);
    }
    h.requests += 1;
    if (e.cost_usd === null) h.unpriced_requests += 1;
    else {
      h.priced_requests += 1;
      h.cost_usd += e.cost_usd;
    }
    h.input_tokens += e.input_tokens;
    h.output_tokens += e.output_tokens;
    h.cache_read_tokens += e.cache_read_tokens;
    h.cache_write_tokens += e.cache_write_tokens;
    h.reasoning_tokens += e.reasoning_tokens;
    h.latency_sum += e.latency_ms;
    addToHistogram(h.lh, e.latency_ms);
    if (e.ttft_ms !== null) {
      h.ttft_sum += e.ttft_ms;
      h.ttft_count += 1;
      addToHistogram(h.th, e.ttft_ms);
    }
    h.streamed += e.streamed;
    if (e.retries > 0) h.retried += 1;
    h.retries_sum += e.retries;
    h.fallbacks += e.fallback;
    if (e.retries > 0 || e.fallback === 1) {
      h.rescue_attempts += 1;
      if (e.status === "success") h.rescued += 1;
    }
    h.cache_hits += e.cache_hit;

    const minuteStart = Math.floor(e.ts / MINUTE) * MINUTE;
    const mk = [e.project_id, minuteStart, e.provider, e.model].join("\u0000");
    let m = minute.get(mk);
    if (!m) {
      m = { project_id: e.project_id, minute: minuteStart, provider: e.provider, model: e.model, requests: 0, errors: 0, outage_errors: 0 };
      minute.set(mk, m);
    }
    m.requests += 1;
    if (e.status === "error") {
      m.errors += 1;
      if (e.error_type !== null && OUTAGE_ERROR_TYPES.has(e.error_type)) m.outage_errors += 1;
    }

    if (e.user_id !== null) {
      const day = Math.floor(e.ts / DAY) * DAY;
      const uk = [e.project_id, day, e.user_id].join("\u0000");
      let u = userDaily.get(uk);
      if (!u) {
        u = {
          project_id: e.project_id,
          day,
          user_id: e.user_id,
          requests: 0,
          errors: 0,
          cost_usd: 0,
          unpriced_requests: 0,
          tokens: 0,
          first_ts: e.ts,
          last_ts: e.ts,
        };
        userDaily.set(uk, u);
      }
      u.requests += 1;
      if (e.status === "error") u.errors += 1;
      if (e.cost_usd === null) u.unpriced_requests += 1;
      else u.cost_usd += e.cost_usd;
      u.tokens += e.input_tokens + e.output_tokens;
      if (e.ts < u.first_ts) u.first_ts = e.ts;
      if (e.ts > u.last_ts) u.last_ts = e.ts;
    }
  }

  const byKey = <T>(map: Map<string, T>): T[] => [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, v]) => v);
  return {
    hourly: byKey(hourly).map(({ lh, th, ...h }) => ({ ...h, latency_hist: JSON.stringify(lh), ttft_hist: JSON.stringify(th) })),
    minute: byKey(minute),
    userDaily: byKey(userDaily),
    daily: dailyOf(hourly.values()),
    users: usersOf(userDaily.values()),
  };
}
