import { ERROR_TYPES, type ErrorsOutput, type ErrorTotals, ErrorType, type ErrorTypeCounts } from "@promptmeter/schema";
import { type SqlBool, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { gapFill } from "../time/index.js";
import { type Agg, aggregate, totalOf } from "./aggregate.js";
import { normalizeErrorMessage } from "./error-messages.js";
import { eventConditions } from "./event-filters.js";
import { previousScope, type Scope } from "./scope.js";
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

/** Failures grouped by error type and normalized message, most frequent first. */
async function topMessages(store: Store, scope: Scope): Promise<ErrorsOutput["topMessages"]> {
  // Failures are a few percent of the traffic (read through the failures-only partial index; the
  // literal 'error' is what lets the planner use it) and repeat a few raw texts many times: group
  // by raw text in SQL, then merge raw groups into normalized ones here.
  const rows = await store.db
    .selectFrom("events")
    .where((eb) => eventConditions(eb, scope.projectId, scope.interval.from, scope.interval.to, scope.filters))
    .where(sql<SqlBool>`events.status = 'error'`)
    .groupBy(["events.error_type", "events.error_message"])
    .select([
      "events.error_type",
      "events.error_message",
      sql<number>`count(*)`.as("n"),
      sql<number>`max(events.ts)`.as("last"),
      // Among raw texts last seen in the same millisecond, the later stored one is the example.
      sql<number>`max(events.seq)`.as("last_seq"),
    ])
    .execute();
  const groups = new Map<
    string,
    { message: string | null; errorType: ErrorType; count: number; last: number; lastSeq: number; example: string | null }
  >();
  for (const r of rows) {
    const errorType = asErrorType(r.error_type);
    const message = r.error_message === null ? null : normalizeErrorMessage(r.error_message);
    const id = `${errorType}\u0000${message ?? "\u0001"}`;
    const [count, last, lastSeq] = [Number(r.n), Number(r.last), Number(r.last_seq)];
    const g = groups.get(id);
    if (!g) groups.set(id, { message, errorType, count, last, lastSeq, example: r.error_message });
    else {
      g.count += count;
      if (last > g.last || (last === g.last && lastSeq > g.lastSeq)) {
        g.last = last;
        g.lastSeq = lastSeq;
        g.example = r.error_message;
      }
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.last - a.last || cmp(a.errorType, b.errorType) || cmp(a.message ?? "", b.message ?? ""))
    .slice(0, TOP_MESSAGES)
    .map((g) => ({
      message: g.message,
      errorType: g.errorType,
      count: g.count,
      lastSeen: new Date(g.last).toISOString(),
      example: g.example,
    }));
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
