import type {
  EventsTable,
  RollupDailyTable,
  RollupHourlyTable,
  RollupMinuteTable,
  RollupMinuteTotalsTable,
  RollupUserDailyTable,
  RollupUsersTable,
} from "../db/tables.js";
import { type ErrorMessageDelta, errorMessageDeltas } from "./error-message-deltas.js";
import { bucketOf, type Histogram } from "./latency-histogram.js";
import { type UserBlockDelta, userBlockDeltas } from "./user-block-deltas.js";

/** An event row as written (no generated columns). */
export type EventRow = Omit<EventsTable, "seq">;

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Failure kinds that count against a provider's availability (SPEC.md §4 kpi.reliability). */
export const OUTAGE_ERROR_TYPES: ReadonlySet<string> = new Set(["server_error", "timeout", "network", "rate_limit"]);

export type HourlyDelta = RollupHourlyTable;
export type MinuteDelta = RollupMinuteTable;
export type MinuteTotalsDelta = RollupMinuteTotalsTable;
export type UserDailyDelta = RollupUserDailyTable;
export type DailyDelta = RollupDailyTable;
export type UsersDelta = RollupUsersTable;

export interface RollupDeltas {
  hourly: HourlyDelta[];
  minute: MinuteDelta[];
  /** The minute rows summed over providers and models, in key order. */
  minuteTotals: MinuteTotalsDelta[];
  /** Failures per hour, error type and raw message, in key order. */
  errorMessages: ErrorMessageDelta[];
  userDaily: UserDailyDelta[];
  /** The per-user-day deltas folded into 64-day blocks, in key order. */
  userBlocks: UserBlockDelta[];
  daily: DailyDelta[];
  users: UsersDelta[];
}

type HourlyAcc = HourlyDelta & { lh: Histogram; th: Histogram };
/** A day's sums, and the hourly rows whose histograms it merges. */
type DailyAcc = DailyDelta & { hours: HourlyAcc[] };

/** Adds every bucket of `from` into `into`. */
function mergeInto(into: Histogram, from: Histogram): void {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k]!;
}

/** The hourly delta as written: histograms serialized (kept on the accumulator too, for its day), accumulators dropped. */
function hourlyDelta(acc: HourlyAcc): HourlyDelta {
  acc.latency_hist = JSON.stringify(acc.lh);
  acc.ttft_hist = JSON.stringify(acc.th);
  const { lh: _lh, th: _th, ...delta } = acc;
  return delta;
}

/** The daily delta as written: a day of one hourly row takes that row's serialized histograms. */
function dailyDelta(acc: DailyAcc): DailyDelta {
  const { hours, ...delta } = acc;
  if (hours.length === 1) {
    delta.latency_hist = hours[0]!.latency_hist;
    delta.ttft_hist = hours[0]!.ttft_hist;
  } else {
    const lh: Histogram = {};
    const th: Histogram = {};
    for (const h of hours) {
      mergeInto(lh, h.lh);
      mergeInto(th, h.th);
    }
    delta.latency_hist = JSON.stringify(lh);
    delta.ttft_hist = JSON.stringify(th);
  }
  return delta;
}

/** Every summed column of an hourly or daily rollup row at zero, histograms unserialized. */
function zeroSums() {
  return {
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
  };
}

/**
 * Folds the batch's hourly rows into UTC days (sums add, histograms merge): few rows, no pass over
 * the events. Call after the hourly rows are serialized (`hourlyDelta`).
 */
function dailyOf(hourly: Iterable<HourlyAcc>): DailyDelta[] {
  const days = new Map<string, DailyAcc>();
  for (const h of hourly) {
    const day = Math.floor(h.hour / DAY) * DAY;
    const key = `${h.project_id}\u0000${day}\u0000${h.provider}\u0000${h.model}\u0000${h.status}\u0000${h.error_type}\u0000${h.environment}\u0000${h.feature}\u0000${h.release}`;
    let d = days.get(key);
    if (!d) {
      d = {
        project_id: h.project_id,
        day,
        provider: h.provider,
        model: h.model,
        status: h.status,
        error_type: h.error_type,
        environment: h.environment,
        feature: h.feature,
        release: h.release,
        ...zeroSums(),
        hours: [],
      };
      days.set(key, d);
    }
    for (const c of SUMMED) d[c] += h[c];
    d.hours.push(h);
  }
  return [...days.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, d]) => dailyDelta(d));
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

/** Minute rows (in key order, so each project's minutes are adjacent and ascending) summed per project and minute. */
function minuteTotalsOf(rows: readonly MinuteDelta[]): MinuteTotalsDelta[] {
  const out: MinuteTotalsDelta[] = [];
  let last: MinuteTotalsDelta | undefined;
  for (const m of rows) {
    if (last && last.project_id === m.project_id && last.minute === m.minute) {
      last.requests += m.requests;
      last.errors += m.errors;
    } else {
      last = { project_id: m.project_id, minute: m.minute, requests: m.requests, errors: m.errors };
      out.push(last);
    }
  }
  return out;
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
    const hk = `${e.project_id}\u0000${hour}\u0000${e.provider}\u0000${e.model}\u0000${e.status}\u0000${errorType}\u0000${e.environment}\u0000${feature}\u0000${release}`;
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
        ...zeroSums(),
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
    const lb = bucketOf(e.latency_ms);
    h.lh[lb] = (h.lh[lb] ?? 0) + 1;
    if (e.ttft_ms !== null) {
      h.ttft_sum += e.ttft_ms;
      h.ttft_count += 1;
      const tb = bucketOf(e.ttft_ms);
      h.th[tb] = (h.th[tb] ?? 0) + 1;
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
    const mk = `${e.project_id}\u0000${minuteStart}\u0000${e.provider}\u0000${e.model}`;
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
      const uk = `${e.project_id}\u0000${day}\u0000${e.user_id}`;
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
  // Hourly first: the daily rows reuse its serialized histograms.
  const hourlyDeltas = byKey(hourly).map(hourlyDelta);
  const minuteDeltas = byKey(minute);
  return {
    hourly: hourlyDeltas,
    minute: minuteDeltas,
    minuteTotals: minuteTotalsOf(minuteDeltas),
    errorMessages: errorMessageDeltas(rows),
    userDaily: byKey(userDaily),
    userBlocks: userBlockDeltas(userDaily.values()),
    daily: dailyOf(hourly.values()),
    users: usersOf(userDaily.values()),
  };
}
