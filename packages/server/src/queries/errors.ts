import { ERROR_TYPES, type ErrorsOutput, type ErrorTotals, ErrorType, type ErrorTypeCounts } from "@promptmeter/schema";
import { type SqlBool, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { gapFill } from "../time/index.js";
import { type Agg, aggregate, totalOf } from "./aggregate.js";
import { normalizeErrorMessage } from "./error-messages.js";
import { eventConditions } from "./event-filters.js";
import { previousScope, type Scope, unfiltered } from "./scope.js";
import { ratio } from "./summaries.js";

const TOP_MESSAGES = 10;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function totals(a: Agg): ErrorTotals {
  return { requests: a.requests, errors: a.errors, errorRate: ratio(a.errors, a.requests) };
}

function zeroTypes(): ErrorTypeCounts {
  return Object.fromEntries(ERROR_TYPES.map((t) => [t, 0])) as ErrorTypeCounts;
}

/** Stored error types are validated on ingest; anything else reads as `other` rather than failing the output. */
function asErrorType(value: string | null | undefined): ErrorType {
  const parsed = ErrorType.safeParse(value);
  return parsed.success ? parsed.data : "other";
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Failures of one error type and raw message text. */
interface RawGroup {
  errorType: string | null;
  message: string | null;
  count: number;
  last: number;
}

/** Raw failure groups among the events of [from, to), read through the failures-only partial index (the literal 'error' lets the planner use it). */
async function eventGroups(store: Store, scope: Scope, from: number, to: number): Promise<RawGroup[]> {
  const rows = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, from, to, scope.filters))
    .where(sql<SqlBool>`events.status = 'error'`)
    .groupBy(["events.error_type", "events.error_message"])
    .select(["events.error_type", "events.error_message", sql<number>`count(*)`.as("n"), sql<number>`max(events.ts)`.as("last")])
    .execute();
  return rows.map((r) => ({ errorType: r.error_type, message: r.error_message, count: Number(r.n), last: Number(r.last) }));
}

/** Raw failure groups of the whole hours [from, to), from rollup_error_messages_hourly. */
async function rollupGroups(store: Store, scope: Scope, from: number, to: number): Promise<RawGroup[]> {
  const rows = await store.db
    .selectFrom("rollup_error_messages_hourly as m")
    .where("m.project_id", "=", scope.projectId)
    .where("m.hour", ">=", from)
    .where("m.hour", "<", to)
    .groupBy(["m.error_type", "m.message_key"])
    .select([
      "m.error_type",
      sql<string | null>`min(m.error_message)`.as("message"),
      sql<number>`sum(m.failures)`.as("n"),
      sql<number>`max(m.last_ts)`.as("last"),
    ])
    .execute();
  return rows.map((r) => ({
    errorType: r.error_type === "" ? null : r.error_type,
    message: r.message,
    count: Number(r.n),
    last: Number(r.last),
  }));
}

/** The raw text of the last stored failure at `ts` among `candidates` of one normalized group (ties of the same millisecond). */
async function latestAt(
  store: Store,
  scope: Scope,
  ts: number,
  errorType: ErrorType,
  candidates: (string | null)[],
): Promise<string | null> {
  const rows = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, ts, ts + 1, scope.filters))
    .where(sql<SqlBool>`events.status = 'error'`)
    .select(["events.error_type", "events.error_message"])
    .orderBy("events.seq", "desc")
    .execute();
  const hit = rows.find((r) => asErrorType(r.error_type) === errorType && candidates.includes(r.error_message));
  return hit ? hit.error_message : (candidates[0] ?? null);
}

/**
 * Failures grouped by error type and normalized message, most frequent first. Unfiltered, whole
 * hours come from the per-message rollup and only the partial hours at the edges from events;
 * raw texts are then merged into their normalized groups here.
 */
async function topMessages(store: Store, scope: Scope): Promise<ErrorsOutput["topMessages"]> {
  const { from, to } = scope.interval;
  const a = Math.ceil(from / HOUR) * HOUR;
  const b = Math.floor(to / HOUR) * HOUR;
  const parts =
    unfiltered(scope.filters) && a < b
      ? await Promise.all([
          rollupGroups(store, scope, a, b),
          from < a ? eventGroups(store, scope, from, a) : [],
          b < to ? eventGroups(store, scope, b, to) : [],
        ])
      : [await eventGroups(store, scope, from, to)];
  const normalized = new Map<string, string>();
  const normalize = (m: string) => {
    let n = normalized.get(m);
    if (n === undefined) {
      n = normalizeErrorMessage(m);
      normalized.set(m, n);
    }
    return n;
  };
  const groups = new Map<
    string,
    { message: string | null; errorType: ErrorType; count: number; last: number; latest: (string | null)[] }
  >();
  for (const r of parts.flat()) {
    const errorType = asErrorType(r.errorType);
    const message = r.message === null ? null : normalize(r.message);
    const id = `${errorType}\u0000${message ?? "\u0001"}`;
    const g = groups.get(id);
    if (!g) groups.set(id, { message, errorType, count: r.count, last: r.last, latest: [r.message] });
    else {
      g.count += r.count;
      if (r.last > g.last) {
        g.last = r.last;
        g.latest = [r.message];
      } else if (r.last === g.last && !g.latest.includes(r.message)) g.latest.push(r.message);
    }
  }
  const top = [...groups.values()]
    .sort((a, b) => b.count - a.count || b.last - a.last || cmp(a.errorType, b.errorType) || cmp(a.message ?? "", b.message ?? ""))
    .slice(0, TOP_MESSAGES);
  return Promise.all(
    top.map(async (g) => ({
      message: g.message,
      errorType: g.errorType,
      count: g.count,
      lastSeen: new Date(g.last).toISOString(),
      // Different raw texts last seen in the same millisecond: the later stored one is the example.
      example: g.latest.length > 1 ? await latestAt(store, scope, g.last, g.errorType, g.latest) : (g.latest[0] ?? null),
    })),
  );
}

/** Each release's first bucket with traffic in an aggregation per (UTC) bucket and release. */
function firstBuckets(rows: Awaited<ReturnType<typeof aggregate>>["rows"]): Map<string | null, number> {
  const first = new Map<string | null, number>();
  for (const r of rows) {
    const release = r.key.release ?? null;
    if (r.bucket !== null && r.agg.requests > 0 && r.bucket < (first.get(release) ?? Number.POSITIVE_INFINITY))
      first.set(release, r.bucket);
  }
  return first;
}

/**
 * First request of each release in the scope, to the ms. The daily rollup finds each release's
 * first UTC day, the hourly rollup its first hour within that day, and only that hour's events
 * are read, never the whole range.
 */
async function releaseFirstSeen(store: Store, scope: Scope): Promise<Map<string | null, number>> {
  const { from, to } = scope.interval;
  // UTC days and hours always line up with the rollups, whatever the query's zone.
  const days = firstBuckets(
    (await aggregate(store, { ...scope, bucket: "day", timezone: "UTC" }, { perBucket: true, by: ["release"], countsOnly: true })).rows,
  );
  const releasesByDay = new Map<number, (string | null)[]>();
  for (const [release, day] of days) releasesByDay.set(day, [...(releasesByDay.get(day) ?? []), release]);
  const firstHour = new Map<string | null, number>();
  for (const [day, releases] of releasesByDay) {
    const interval = { from: Math.max(from, day), to: Math.min(to, day + DAY) };
    const hours = firstBuckets(
      (
        await aggregate(
          store,
          { ...scope, interval, bucket: "hour", timezone: "UTC" },
          { perBucket: true, by: ["release"], countsOnly: true },
        )
      ).rows,
    );
    for (const release of releases) firstHour.set(release, hours.get(release) ?? day);
  }
  const firsts = await Promise.all(
    [...firstHour].map(async ([release, hour]) => {
      const row = await store.db
        .selectFrom("events")
        .where((eb) => eventConditions(eb, scope.projectId, Math.max(from, hour), Math.min(to, hour + HOUR), scope.filters))
        .where("events.release", release === null ? "is" : "=", release)
        .select(sql<number>`min(events.ts)`.as("first"))
        .executeTakeFirst();
      return [release, Number(row?.first ?? hour)] as const;
    }),
  );
  return new Map(firsts);
}

/** kpi.errors: error rate, failures per type and bucket, and where they come from (models, messages, releases). */
export async function errors(store: Store, scope: Scope, compare: boolean): Promise<ErrorsOutput> {
  const [perType, perModel, perRelease, firstSeen, messages, previous] = await Promise.all([
    aggregate(store, scope, { perBucket: true, by: ["error_type"], countsOnly: true }),
    aggregate(store, scope, { by: ["provider", "model"], countsOnly: true }),
    aggregate(store, scope, { by: ["release"], countsOnly: true }),
    releaseFirstSeen(store, scope),
    topMessages(store, scope),
    compare ? aggregate(store, previousScope(scope), { countsOnly: true }) : null,
  ]);

  const typeCounts = zeroTypes();
  const buckets = new Map<number, ErrorTotals & { types: ErrorTypeCounts }>();
  for (const r of perType.rows) {
    if (r.bucket === null) continue;
    let b = buckets.get(r.bucket);
    if (!b) {
      b = { requests: 0, errors: 0, errorRate: null, types: zeroTypes() };
      buckets.set(r.bucket, b);
    }
    b.requests += r.agg.requests;
    b.errors += r.agg.errors;
    if (r.agg.errors > 0) {
      const type = asErrorType(r.key.error_type);
      b.types[type] += r.agg.errors;
      typeCounts[type] += r.agg.errors;
    }
  }
  for (const b of buckets.values()) b.errorRate = ratio(b.errors, b.requests);

  const byModel = perModel.rows
    .map((r) => ({ provider: r.key.provider ?? "", model: r.key.model ?? "", ...totals(r.agg) }))
    .sort((a, b) => b.errors - a.errors || b.requests - a.requests || cmp(a.provider, b.provider) || cmp(a.model, b.model));
  const byRelease = perRelease.rows
    .map((r) => {
      const release = r.key.release ?? null;
      return { release, ...totals(r.agg), first: firstSeen.get(release) ?? scope.interval.from };
    })
    .sort((a, b) => a.first - b.first || cmp(a.release ?? "", b.release ?? ""))
    .map(({ first, ...r }) => ({ ...r, firstSeen: new Date(first).toISOString() }));
  const byType = ERROR_TYPES.filter((t) => typeCounts[t] > 0)
    .map((errorType) => ({ errorType, count: typeCounts[errorType] }))
    .sort((a, b) => b.count - a.count || cmp(a.errorType, b.errorType));

  const { from, to } = scope.interval;
  return {
    ...totals(totalOf(perType.rows)),
    series: gapFill(from, to, scope.bucket, scope.timezone, buckets, () => ({
      requests: 0,
      errors: 0,
      errorRate: null,
      types: zeroTypes(),
    })),
    byType,
    byModel,
    topMessages: messages,
    byRelease,
    previous: previous ? totals(totalOf(previous.rows)) : null,
  };
}
