import type { ErrorType, Filters, LogDetail, LogRow, LogsListOutput, Payload } from "@promptmeter/schema";
import { type Selectable, type SqlBool, sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import type { EventsTable, FeedbackTable } from "../db/tables.js";
import type { Interval } from "../time/index.js";
import { eventConditions } from "./event-filters.js";

/** The events-table columns a log row is built from (everything but the internal ones). */
export const LOG_COLUMNS = [
  "events.seq",
  "events.id",
  "events.ts",
  "events.provider",
  "events.model",
  "events.response_model",
  "events.status",
  "events.error_type",
  "events.error_message",
  "events.http_status",
  "events.input_tokens",
  "events.output_tokens",
  "events.cache_read_tokens",
  "events.cache_write_tokens",
  "events.reasoning_tokens",
  "events.cost_usd",
  "events.cost_source",
  "events.latency_ms",
  "events.ttft_ms",
  "events.streamed",
  "events.retries",
  "events.fallback",
  "events.fallback_from",
  "events.cache_hit",
  "events.user_id",
  "events.session_id",
  "events.trace_id",
  "events.feature",
  "events.environment",
  "events.release",
  "events.tags",
  "events.metadata",
  "events.has_payload",
] as const;

export type StoredEvent = Omit<Selectable<EventsTable>, "project_id">;

/** A stored event in the API's camelCase shape. */
export function toLogRow(e: StoredEvent): LogRow {
  const retries = Number(e.retries);
  const fallback = Number(e.fallback) === 1;
  return {
    id: e.id,
    timestamp: new Date(Number(e.ts)).toISOString(),
    provider: e.provider,
    model: e.model,
    responseModel: e.response_model,
    status: e.status,
    errorType: e.error_type as ErrorType | null,
    errorMessage: e.error_message,
    httpStatus: e.http_status === null ? null : Number(e.http_status),
    usage: {
      inputTokens: Number(e.input_tokens),
      outputTokens: Number(e.output_tokens),
      cacheReadTokens: Number(e.cache_read_tokens),
      cacheWriteTokens: Number(e.cache_write_tokens),
      reasoningTokens: Number(e.reasoning_tokens),
    },
    costUsd: e.cost_usd === null ? null : Number(e.cost_usd),
    costSource: e.cost_source,
    latencyMs: Number(e.latency_ms),
    ttftMs: e.ttft_ms === null ? null : Number(e.ttft_ms),
    streamed: Number(e.streamed) === 1,
    retries,
    fallback,
    fallbackFrom: e.fallback_from,
    cacheHit: Number(e.cache_hit) === 1,
    rescued: (retries > 0 || fallback) && e.status === "success",
    userId: e.user_id,
    sessionId: e.session_id,
    traceId: e.trace_id,
    feature: e.feature,
    environment: e.environment,
    release: e.release,
    tags: e.tags === null ? [] : (JSON.parse(e.tags) as string[]),
    metadata: e.metadata === null ? null : (JSON.parse(e.metadata) as LogRow["metadata"]),
    hasPayload: Number(e.has_payload) === 1,
  };
}

/** A page position: the (ts, seq) of the last row served. */
export interface EventCursor {
  ts: number;
  seq: number;
}

/** Opaque to clients; base64url so it travels in URLs unescaped. */
export function encodeCursor(c: EventCursor): string {
  return Buffer.from(JSON.stringify([c.ts, c.seq])).toString("base64url");
}

/** The cursor, or null when the string is not one this server made. */
export function decodeCursor(s: string): EventCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n))) return { ts: v[0], seq: v[1] };
  } catch {
    // fall through: not a cursor
  }
  return null;
}

/** LIKE pattern for a case-insensitive substring: the needle's own %, _ and \ match literally. */
export function containsPattern(needle: string): string {
  return `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface EventPageQuery {
  projectId: string;
  interval: Interval;
  filters: Filters;
  /** Case-insensitive substring of errorMessage. */
  q?: string | undefined;
  /** Only events whose mean feedback score is at least this. */
  minScore?: number | undefined;
  /** Rows strictly after this position in `order`. */
  after?: EventCursor | null | undefined;
  order: "asc" | "desc";
  limit: number;
}

/** One keyset page of events ordered by (ts, seq): the index on (project_id, ts) serves it at any depth. */
export async function eventPage(store: Store, p: EventPageQuery): Promise<StoredEvent[]> {
  const cmp = p.order === "desc" ? "<" : ">";
  let q = store.db
    .selectFrom("events")
    .select(LOG_COLUMNS)
    .where((eb) => eventConditions(eb, p.projectId, p.interval.from, p.interval.to, p.filters));
  if (p.after) {
    const { ts, seq } = p.after;
    q = q.where((eb) => eb.or([eb("events.ts", cmp, ts), eb.and([eb("events.ts", "=", ts), eb("events.seq", cmp, seq)])]));
  }
  if (p.q !== undefined) q = q.where(sql<SqlBool>`lower(events.error_message) LIKE ${containsPattern(p.q)} ESCAPE '\\'`);
  if (p.minScore !== undefined) {
    const min = p.minScore;
    q = q.where((eb) =>
      eb(
        eb
          .selectFrom("feedback")
          .select(sql<number>`avg(feedback.score)`.as("avg"))
          .where("feedback.project_id", "=", p.projectId)
          .whereRef("feedback.event_id", "=", "events.id"),
        ">=",
        min,
      ),
    );
  }
  return q.orderBy("events.ts", p.order).orderBy("events.seq", p.order).limit(p.limit).execute();
}

export interface LogsListParams {
  filters: Filters;
  q?: string | undefined;
  limit: number;
  cursor: EventCursor | null;
}

/** logs.list: one page of events, newest first. */
export async function listLogs(store: Store, projectId: string, interval: Interval, params: LogsListParams): Promise<LogsListOutput> {
  const rows = await eventPage(store, {
    projectId,
    interval,
    filters: params.filters,
    q: params.q,
    after: params.cursor,
    order: "desc",
    limit: params.limit + 1,
  });
  const page = rows.slice(0, params.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(toLogRow),
    nextCursor: rows.length > params.limit && last ? encodeCursor({ ts: Number(last.ts), seq: Number(last.seq) }) : null,
  };
}

export function toFeedbackRecord(f: Omit<Selectable<FeedbackTable>, "project_id" | "seq">) {
  return {
    id: f.id,
    timestamp: new Date(Number(f.ts)).toISOString(),
    eventId: f.event_id,
    sessionId: f.session_id,
    userId: f.user_id,
    score: Number(f.score),
    thumbs: f.thumbs,
    stars: f.stars === null ? null : Number(f.stars),
    sentiment: f.sentiment,
    comment: f.comment,
  };
}

const FEEDBACK_COLUMNS = [
  "feedback.id",
  "feedback.event_id",
  "feedback.session_id",
  "feedback.user_id",
  "feedback.ts",
  "feedback.score",
  "feedback.thumbs",
  "feedback.stars",
  "feedback.sentiment",
  "feedback.comment",
] as const;

/** Feedback on these events, oldest first, grouped by event id. */
export async function feedbackForEvents(store: Store, projectId: string, eventIds: readonly string[]) {
  const out = new Map<string, ReturnType<typeof toFeedbackRecord>[]>();
  if (eventIds.length === 0) return out;
  const rows = await store.db
    .selectFrom("feedback")
    .select(FEEDBACK_COLUMNS)
    .where("feedback.project_id", "=", projectId)
    .where("feedback.event_id", "in", eventIds)
    .orderBy("feedback.ts")
    .orderBy("feedback.seq")
    .execute();
  for (const r of rows) {
    const list = out.get(r.event_id as string) ?? [];
    list.push(toFeedbackRecord(r));
    out.set(r.event_id as string, list);
  }
  return out;
}

/** Stored payloads of these events, parsed back from JSON text. */
export async function payloadsForEvents(store: Store, projectId: string, eventIds: readonly string[]) {
  const out = new Map<string, { input: Payload | null; output: Payload | null }>();
  if (eventIds.length === 0) return out;
  const rows = await store.db
    .selectFrom("event_payloads")
    .select(["event_id", "input", "output"])
    .where("project_id", "=", projectId)
    .where("event_id", "in", eventIds)
    .execute();
  for (const r of rows) {
    out.set(r.event_id, {
      input: r.input === null ? null : (JSON.parse(r.input) as Payload),
      output: r.output === null ? null : (JSON.parse(r.output) as Payload),
    });
  }
  return out;
}

/** logs.get: one event with its payloads and feedback; null when the project has no such event. */
export async function getLog(store: Store, projectId: string, id: string): Promise<LogDetail | null> {
  const event = await store.db
    .selectFrom("events")
    .select(LOG_COLUMNS)
    .where("events.project_id", "=", projectId)
    .where("events.id", "=", id)
    .executeTakeFirst();
  if (!event) return null;
  const [payloads, feedback] = await Promise.all([payloadsForEvents(store, projectId, [id]), feedbackForEvents(store, projectId, [id])]);
  const payload = payloads.get(id);
  return { ...toLogRow(event), input: payload?.input ?? null, output: payload?.output ?? null, feedback: feedback.get(id) ?? [] };
}
