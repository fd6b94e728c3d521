import { type Kysely, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import {
  addDenseTo,
  addHistogramText,
  addToDense,
  type DenseHistogram,
  denseHistogram,
  type Histogram,
  bucketOf as histogramBucket,
} from "../rollups/latency-histogram.js";
import { bucketStart, type Interval } from "../time/index.js";
import { eventConditions, rollupTableConditions } from "./event-filters.js";
import { memoized, rollupCanFilter, type Scope, zoneAlignsWithDays, zoneAlignsWithHours } from "./scope.js";

/** Dimensions an aggregate can be grouped by (all present in both the rollup and the events table). */
export type Dim = "provider" | "model" | "status" | "error_type" | "environment" | "feature" | "release";

/** Sums over a set of events. Latency and TTFT cover the latency-eligible events only (see `aggregate`). */
export interface Agg {
  requests: number;
  errors: number;
  costUsd: number;
  pricedRequests: number;
  unpricedRequests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  latencySum: number;
  latencyCount: number;
  latencyHist: Histogram;
  ttftSum: number;
  ttftCount: number;
  ttftHist: Histogram;
  streamed: number;
  retried: number;
  retriesSum: number;
  fallbacks: number;
  rescued: number;
  /** Requests with retries > 0 or a fallback. */
  rescueAttempts: number;
  cacheHits: number;
}

export function emptyAgg(): Agg {
  return {
    requests: 0,
    errors: 0,
    costUsd: 0,
    pricedRequests: 0,
    unpricedRequests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    latencySum: 0,
    latencyCount: 0,
    latencyHist: {},
    ttftSum: 0,
    ttftCount: 0,
    ttftHist: {},
    streamed: 0,
    retried: 0,
    retriesSum: 0,
    fallbacks: 0,
    rescued: 0,
    rescueAttempts: 0,
    cacheHits: 0,
  };
}

function mergeHist(into: Histogram, from: Histogram): void {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k]!;
}

/** Adds `b` into `a`. */
export function mergeAgg(a: Agg, b: Agg): Agg {
  for (const k of Object.keys(a) as (keyof Agg)[]) {
    if (k === "latencyHist" || k === "ttftHist") mergeHist(a[k], b[k]);
    else a[k] += b[k];
  }
  return a;
}

export type DimKey = Partial<Record<Dim, string | null>>;

/** One group: its local bucket start (when bucketed) and dimension values. */
export interface AggRow {
  bucket: number | null;
  key: DimKey;
  agg: Agg;
}

export interface AggregateOptions {
  /** Group by these dimensions. */
  by?: readonly Dim[];
  /** Group by the scope's local time bucket too. */
  perBucket?: boolean;
  /** Fill latency/TTFT histograms (costs more on the rollup path). */
  histograms?: boolean;
  /** Sum only requests and errors (other fields may be left at 0): for callers that read nothing else; a fraction of the work on a month of hourly rows. */
  countsOnly?: boolean;
}

export interface AggregateResult {
  rows: AggRow[];
  /** Where the answer came from: whole rollup days/hours, raw events, or both (events at partial-hour edges). */
  source: "rollup" | "events" | "mixed";
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const ALL_DIMS: readonly Dim[] = ["provider", "model", "status", "error_type", "environment", "feature", "release"];

/** Which parts of the interval the daily rollup, the hourly rollup and raw events answer. */
export interface SourcePlan {
  /** Whole UTC days. */
  daily: Interval | null;
  /** Whole hours outside those days. */
  hourly: Interval[];
  /** Partial hours at the edges, or everything when the rollups cannot answer. */
  events: Interval[];
  /** Partial hours just outside the range, subtracted from the whole edge hour the rollups answer. */
  minus: Interval[];
}

export function planSources(scope: Scope, perBucket: boolean): SourcePlan {
  const { from, to } = scope.interval;
  const all: SourcePlan = { daily: null, hourly: [], events: [scope.interval], minus: [] };
  if (!rollupCanFilter(scope.filters)) return all;
  let a = Math.ceil(from / HOUR) * HOUR;
  let b = Math.floor(to / HOUR) * HOUR;
  if (a >= b) return all;
  // An edge of more than half an hour has fewer events outside the range than in it: its whole
  // hour comes from the rollup, minus the events of the rest of that hour (one local bucket too,
  // as local buckets here start on UTC hours).
  const events: Interval[] = [];
  const minus: Interval[] = [];
  if (from < a && a - from > HOUR / 2) {
    minus.push({ from: a - HOUR, to: from });
    a -= HOUR;
  } else if (from < a) events.push({ from, to: a });
  if (b < to && to - b > HOUR / 2) {
    minus.push({ from: to, to: b + HOUR });
    b += HOUR;
  } else if (b < to) events.push({ from: b, to });
  const read = { from: Math.min(a, from), to: Math.max(b, to) };
  const bucketsFitHours = !perBucket || (scope.bucket !== "minute" && zoneAlignsWithHours(scope.timezone, read));
  if (!bucketsFitHours) return all;
  // UTC days serve totals in any zone, and day/week buckets where local days are UTC days.
  const bucketsFitDays = !perBucket || ((scope.bucket === "day" || scope.bucket === "week") && zoneAlignsWithDays(scope.timezone, read));
  const A = Math.ceil(a / DAY) * DAY;
  const B = Math.floor(b / DAY) * DAY;
  if (!bucketsFitDays || A >= B) return { daily: null, hourly: [{ from: a, to: b }], events, minus };
  const hourly: Interval[] = [];
  if (a < A) hourly.push({ from: a, to: A });
  if (B < b) hourly.push({ from: B, to: b });
  return { daily: { from: A, to: B }, hourly, events, minus };
}

type RollupTable = "rollup_hourly" | "rollup_daily";

/** Empty strings in rollup keys stand for "none"; report them as null like the events table. */
function dimValue(v: unknown): string | null {
  return v === null || v === undefined || v === "" ? null : String(v);
}

/**
 * The one aggregation every time-series and breakdown KPI builds on: sums per local bucket and
 * dimension, from whole rollup hours plus raw events at the partial-hour edges (or raw events
 * only when a filter or the time zone rules the rollup out). Latency and TTFT cover successful
 * requests, or the requests of `filters.status` when it is set.
 */
export async function aggregate(store: Store, scope: Scope, options: AggregateOptions = {}): Promise<AggregateResult> {
  const by = options.by ?? [];
  const perBucket = options.perBucket ?? false;
  const histograms = options.histograms ?? false;
  const countsOnly = options.countsOnly ?? false;
  const latencyStatus = scope.filters.status ?? "success";
  const groups = new Map<string, AggRow>();
  const groupFor = (bucket: number | null, key: DimKey): Agg => {
    const id = `${bucket}\u0000${by.map((d) => key[d] ?? "\u0001").join("\u0000")}`;
    let row = groups.get(id);
    if (!row) {
      row = { bucket, key, agg: emptyAgg() };
      groups.set(id, row);
    }
    return row.agg;
  };
  const plan = planSources(scope, perBucket);
  // Histograms are summed in dense arrays while aggregating and written into each Agg at the end.
  const dense = new Map<Agg, { latency: DenseHistogram; ttft: DenseHistogram }>();
  const denseOf = (a: Agg) => {
    let d = dense.get(a);
    if (!d) {
      d = { latency: denseHistogram(), ttft: denseHistogram() };
      dense.set(a, d);
    }
    return d;
  };
  // Rollup rows repeat a few hundred distinct hours or days: resolve each one's local bucket once.
  const buckets = new Map<number, number>();
  const bucketOf = (t: number): number => {
    let b = buckets.get(t);
    if (b === undefined) {
      b = bucketStart(t, scope.bucket, scope.timezone);
      buckets.set(t, b);
    }
    return b;
  };

  // Each reader fetches (concurrently with the others) and returns how to fold its rows in.
  const readRollup = async (table: RollupTable, { from, to }: Interval): Promise<() => void> => {
    const time = table === "rollup_hourly" ? "hour" : "day";
    // The two rollups share every column but their time key; one untyped query serves both.
    const db = store.db as unknown as Kysely<any>;
    const groupCols = [...(perBucket ? [time] : []), ...by.filter((d) => d !== "status"), "status"];
    const q = db
      .selectFrom(table)
      .where((eb) => rollupTableConditions(eb, table, scope.projectId, from, to, scope.filters))
      .select(groupCols.map((c) => `${table}.${c}`))
      .select(
        countsOnly
          ? [sql<number>`sum(requests)`.as("requests")]
          : [
              sql<number>`sum(requests)`.as("requests"),
              sql<number>`sum(cost_usd)`.as("cost_usd"),
              sql<number>`sum(priced_requests)`.as("priced_requests"),
              sql<number>`sum(unpriced_requests)`.as("unpriced_requests"),
              sql<number>`sum(input_tokens)`.as("input_tokens"),
              sql<number>`sum(output_tokens)`.as("output_tokens"),
              sql<number>`sum(cache_read_tokens)`.as("cache_read_tokens"),
              sql<number>`sum(cache_write_tokens)`.as("cache_write_tokens"),
              sql<number>`sum(reasoning_tokens)`.as("reasoning_tokens"),
              sql<number>`sum(latency_sum)`.as("latency_sum"),
              sql<number>`sum(ttft_sum)`.as("ttft_sum"),
              sql<number>`sum(ttft_count)`.as("ttft_count"),
              sql<number>`sum(streamed)`.as("streamed"),
              sql<number>`sum(retried)`.as("retried"),
              sql<number>`sum(retries_sum)`.as("retries_sum"),
              sql<number>`sum(fallbacks)`.as("fallbacks"),
              sql<number>`sum(rescued)`.as("rescued"),
              sql<number>`sum(rescue_attempts)`.as("rescue_attempts"),
              sql<number>`sum(cache_hits)`.as("cache_hits"),
            ],
      )
      .groupBy(groupCols.map((c) => `${table}.${c}`));
    // Histograms are merged here rather than with pm_hist_sum: PostgreSQL's SQL-function aggregate
    // re-parses its growing state on every row (seconds for a month of rows); JS parses each once.
    const histQuery = db
      .selectFrom(table)
      .where((eb) => rollupTableConditions(eb, table, scope.projectId, from, to, { ...scope.filters, status: latencyStatus }))
      .select([...groupCols.filter((c) => c !== "status").map((c) => `${table}.${c}`), "latency_hist", "ttft_hist"]);
    const [rows, histRows] = (await Promise.all([q.execute(), histograms ? histQuery.execute() : []])) as Record<string, unknown>[][];
    return () => foldRollup(time, rows!, histRows!);
  };
  const foldRollup = (time: "hour" | "day", rows: Record<string, unknown>[], histRows: Record<string, unknown>[]) => {
    for (const r of rows) {
      const key: DimKey = {};
      for (const d of by) key[d] = dimValue(r[d]);
      const bucket = perBucket ? bucketOf(Number(r[time])) : null;
      const a = groupFor(bucket, key);
      const n = (c: string) => Number(r[c] ?? 0);
      a.requests += n("requests");
      if (r.status === "error") a.errors += n("requests");
      a.costUsd += n("cost_usd");
      a.pricedRequests += n("priced_requests");
      a.unpricedRequests += n("unpriced_requests");
      a.inputTokens += n("input_tokens");
      a.outputTokens += n("output_tokens");
      a.cacheReadTokens += n("cache_read_tokens");
      a.cacheWriteTokens += n("cache_write_tokens");
      a.reasoningTokens += n("reasoning_tokens");
      a.streamed += n("streamed");
      a.retried += n("retried");
      a.retriesSum += n("retries_sum");
      a.fallbacks += n("fallbacks");
      a.rescued += n("rescued");
      a.rescueAttempts += n("rescue_attempts");
      a.cacheHits += n("cache_hits");
      if (!countsOnly && r.status === latencyStatus) {
        a.latencySum += n("latency_sum");
        a.latencyCount += n("requests");
        a.ttftSum += n("ttft_sum");
        a.ttftCount += n("ttft_count");
      }
    }
    for (const r of histRows) {
      const key: DimKey = {};
      for (const d of by) key[d] = d === "status" ? latencyStatus : dimValue(r[d]);
      const a = groupFor(perBucket ? bucketOf(Number(r[time])) : null, key);
      const d = denseOf(a);
      addHistogramText(d.latency, r.latency_hist as string | null);
      addHistogramText(d.ttft, r.ttft_hist as string | null);
    }
  };

  // Partial hours at the edges of a rollup-served range sit in one local bucket: sum them, and
  // count latencies per histogram bucket, in SQL (materializing thousands of event rows in JS costs
  // far more than the sums). One procedure call often aggregates the same range several times
  // (totals, per bucket, per model), so each edge's answer is shared within the call.
  const edgesOnly = plan.daily !== null || plan.hourly.length > 0;
  const dims = [...by.filter((d) => d !== "status"), "status" as const].map((d) => `events.${d}` as const);
  const edgeKey = (kind: string, interval: Interval, keyDims: readonly string[]) =>
    `${kind}|${scope.projectId}|${interval.from}|${interval.to}|${keyDims.join(",")}|${JSON.stringify(scope.filters)}`;
  // Within a call the sums are fetched once per edge at the finest grain (every dimension: a few
  // hundred groups for an hour) and folded into each aggregation's own grouping here.
  const shared = scope.memo !== undefined;
  const sumDims = shared ? ALL_DIMS.map((d) => `events.${d}` as const) : dims;
  const sumCounts = countsOnly && !shared;
  const histDims = dims.filter((d) => d !== "events.status");
  // pm_hist_bucket is the histogram's own bucketOf, registered on both dialects (see db/dialect).
  const edgeCounts = (interval: Interval, column: "latency_ms" | "ttft_ms") =>
    memoized(
      scope,
      edgeKey(column, interval, dims),
      async () =>
        (await store.db
          .selectFrom("events")
          .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, { ...scope.filters, status: latencyStatus }))
          .where(`events.${column}`, "is not", null)
          .select(histDims)
          .select([sql<number>`pm_hist_bucket(${sql.ref(`events.${column}`)})`.as("b"), sql<number>`count(*)`.as("n")])
          .groupBy([...histDims, sql`pm_hist_bucket(${sql.ref(`events.${column}`)})`])
          .execute()) as Record<string, unknown>[],
    );
  const readEdge = async (interval: Interval, sign: 1 | -1): Promise<() => void> => {
    const bucket = perBucket ? bucketStart(interval.from, scope.bucket, scope.timezone) : null;
    const sums = memoized(
      scope,
      edgeKey(sumCounts ? "counts" : "sums", interval, sumDims),
      async () =>
        (await store.db
          .selectFrom("events")
          .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
          .select(sumDims)
          .select(
            sumCounts
              ? [sql<number>`count(*)`.as("requests")]
              : [
                  sql<number>`count(*)`.as("requests"),
                  sql<number>`sum(events.cost_usd)`.as("cost_usd"),
                  sql<number>`count(events.cost_usd)`.as("priced_requests"),
                  sql<number>`sum(events.input_tokens)`.as("input_tokens"),
                  sql<number>`sum(events.output_tokens)`.as("output_tokens"),
                  sql<number>`sum(events.cache_read_tokens)`.as("cache_read_tokens"),
                  sql<number>`sum(events.cache_write_tokens)`.as("cache_write_tokens"),
                  sql<number>`sum(events.reasoning_tokens)`.as("reasoning_tokens"),
                  sql<number>`sum(events.latency_ms)`.as("latency_sum"),
                  sql<number>`sum(events.ttft_ms)`.as("ttft_sum"),
                  sql<number>`count(events.ttft_ms)`.as("ttft_count"),
                  sql<number>`sum(events.streamed)`.as("streamed"),
                  sql<number>`sum(case when events.retries > 0 then 1 else 0 end)`.as("retried"),
                  sql<number>`sum(events.retries)`.as("retries_sum"),
                  sql<number>`sum(events.fallback)`.as("fallbacks"),
                  sql<number>`sum(case when events.retries > 0 or events.fallback = 1 then 1 else 0 end)`.as("rescue_attempts"),
                  sql<number>`sum(case when (events.retries > 0 or events.fallback = 1) and events.status = 'success' then 1 else 0 end)`.as(
                    "rescued",
                  ),
                  sql<number>`sum(events.cache_hit)`.as("cache_hits"),
                ],
          )
          .groupBy(sumDims)
          .execute()) as Record<string, unknown>[],
    );
    const none = Promise.resolve([] as Record<string, unknown>[]);
    const [rows, latency, ttft] = await Promise.all([
      sums,
      histograms ? edgeCounts(interval, "latency_ms") : none,
      histograms ? edgeCounts(interval, "ttft_ms") : none,
    ]);
    return () => foldEdge(bucket, sign, rows, latency, ttft);
  };
  const foldEdge = (
    bucket: number | null,
    sign: 1 | -1,
    rows: Record<string, unknown>[],
    latency: Record<string, unknown>[],
    ttft: Record<string, unknown>[],
  ) => {
    for (const r of rows) {
      const key: DimKey = {};
      for (const d of by) key[d] = dimValue(r[d]);
      const a = groupFor(bucket, key);
      const n = (c: string) => sign * Number(r[c] ?? 0);
      a.requests += n("requests");
      if (r.status === "error") a.errors += n("requests");
      a.costUsd += n("cost_usd");
      a.pricedRequests += n("priced_requests");
      if (!countsOnly) a.unpricedRequests += n("requests") - n("priced_requests");
      a.inputTokens += n("input_tokens");
      a.outputTokens += n("output_tokens");
      a.cacheReadTokens += n("cache_read_tokens");
      a.cacheWriteTokens += n("cache_write_tokens");
      a.reasoningTokens += n("reasoning_tokens");
      a.streamed += n("streamed");
      a.retried += n("retried");
      a.retriesSum += n("retries_sum");
      a.fallbacks += n("fallbacks");
      a.rescued += n("rescued");
      a.rescueAttempts += n("rescue_attempts");
      a.cacheHits += n("cache_hits");
      if (!countsOnly && r.status === latencyStatus) {
        a.latencySum += n("latency_sum");
        a.latencyCount += n("requests");
        a.ttftSum += n("ttft_sum");
        a.ttftCount += n("ttft_count");
      }
    }
    for (const [list, which] of [
      [latency, "latency"],
      [ttft, "ttft"],
    ] as const) {
      for (const e of list) {
        const key: DimKey = {};
        for (const d of by) key[d] = d === "status" ? latencyStatus : dimValue(e[d]);
        addToDense(denseOf(groupFor(bucket, key))[which], Number(e.b), sign * Number(e.n));
      }
    }
  };

  const readEvents = async (interval: Interval): Promise<() => void> => {
    const rows = await store.db
      .selectFrom("events")
      .where((eb) => eventConditions(eb, scope.projectId, interval.from, interval.to, scope.filters))
      .select([
        "ts",
        "provider",
        "model",
        "status",
        "error_type",
        "environment",
        "feature",
        "release",
        "cost_usd",
        "input_tokens",
        "output_tokens",
        "cache_read_tokens",
        "cache_write_tokens",
        "reasoning_tokens",
        "latency_ms",
        "ttft_ms",
        "streamed",
        "retries",
        "fallback",
        "cache_hit",
      ])
      .execute();
    return () => {
      for (const e of rows) {
        const key: DimKey = {};
        for (const d of by) key[d] = dimValue(e[d]);
        const a = groupFor(perBucket ? bucketStart(Number(e.ts), scope.bucket, scope.timezone) : null, key);
        a.requests += 1;
        if (e.status === "error") a.errors += 1;
        if (e.cost_usd === null) a.unpricedRequests += 1;
        else {
          a.pricedRequests += 1;
          a.costUsd += e.cost_usd;
        }
        a.inputTokens += Number(e.input_tokens);
        a.outputTokens += Number(e.output_tokens);
        a.cacheReadTokens += Number(e.cache_read_tokens);
        a.cacheWriteTokens += Number(e.cache_write_tokens);
        a.reasoningTokens += Number(e.reasoning_tokens);
        a.streamed += e.streamed;
        if (e.retries > 0) a.retried += 1;
        a.retriesSum += e.retries;
        a.fallbacks += e.fallback;
        if (e.retries > 0 || e.fallback === 1) {
          a.rescueAttempts += 1;
          if (e.status === "success") a.rescued += 1;
        }
        a.cacheHits += e.cache_hit;
        if (e.status === latencyStatus) {
          a.latencySum += e.latency_ms;
          a.latencyCount += 1;
          if (histograms) addToDense(denseOf(a).latency, histogramBucket(e.latency_ms));
          if (e.ttft_ms !== null) {
            a.ttftSum += e.ttft_ms;
            a.ttftCount += 1;
            if (histograms) addToDense(denseOf(a).ttft, histogramBucket(e.ttft_ms));
          }
        }
      }
    };
  };

  // Every read is issued at once: PostgreSQL answers them in parallel over its pool (SQLite runs
  // them one by one either way). They are folded in plan order, so float sums and row order do not
  // depend on which answered first.
  const folds = await Promise.all([
    ...(plan.daily ? [readRollup("rollup_daily", plan.daily)] : []),
    ...plan.hourly.map((interval) => readRollup("rollup_hourly", interval)),
    ...plan.events.map((interval) => (edgesOnly ? readEdge(interval, 1) : readEvents(interval))),
    ...plan.minus.map((interval) => readEdge(interval, -1)),
  ]);
  for (const fold of folds) fold();
  for (const [a, d] of dense) {
    addDenseTo(a.latencyHist, d.latency);
    addDenseTo(a.ttftHist, d.ttft);
  }
  const fromRollups = plan.daily !== null || plan.hourly.length > 0;
  const source = fromRollups ? (plan.events.length + plan.minus.length > 0 ? "mixed" : "rollup") : "events";
  const rows = [...groups.values()];
  // A group whose every request lay in a subtracted part is left at zero: it has none in the range.
  return { rows: plan.minus.length > 0 ? rows.filter((r) => r.agg.requests !== 0) : rows, source };
}

/** Sums every row into one Agg. */
export function totalOf(rows: readonly AggRow[]): Agg {
  return rows.reduce((acc, r) => mergeAgg(acc, r.agg), emptyAgg());
}
