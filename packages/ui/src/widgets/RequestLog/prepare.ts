import type { RouterOutputs } from "@promptmeter/server";
import type { Formatters } from "../../primitives/format.js";

type LogsList = RouterOutputs["logs"]["list"];
/** One event of `logs.list`. */
export type LogRow = LogsList["rows"][number];
/** One event with its payloads and feedback (`logs.get`). */
export type LogDetail = RouterOutputs["logs"]["get"];
type Payload = NonNullable<LogDetail["input"]>;
type FeedbackRecord = LogDetail["feedback"][number];

/** Error types as people say them. */
const ERROR_TYPE_LABELS: Record<NonNullable<LogRow["errorType"]>, string> = {
  rate_limit: "Rate limit",
  timeout: "Timeout",
  server_error: "Server error",
  network: "Network",
  auth: "Auth",
  invalid_request: "Invalid request",
  context_length: "Context length",
  content_filter: "Content filter",
  cancelled: "Cancelled",
  other: "Other error",
};

/** The status of an event in words: "OK", "Rescued" (after retries or a fallback), or its error type. */
export function statusLabel(row: Pick<LogRow, "status" | "errorType" | "rescued">): string {
  if (row.status === "error") return row.errorType ? ERROR_TYPE_LABELS[row.errorType] : "Error";
  return row.rescued ? "Rescued" : "OK";
}

/** The pages seen so far: the cursor each page was fetched with (null for the newest), and which one is shown. */
export interface LogPages {
  /** What the pages were fetched for (range, filters, search); another key starts over. */
  key: string;
  cursors: Array<string | null>;
  index: number;
}

/** The first (newest) page for a key. */
export function firstPage(key: string): LogPages {
  return { key, cursors: [null], index: 0 };
}

/** One page older: its cursor is the shown page's `nextCursor`; going back then forward reuses what was seen. */
export function olderPage(pages: LogPages, nextCursor: string | null): LogPages {
  if (nextCursor === null) return pages;
  const cursors = [...pages.cursors.slice(0, pages.index + 1), nextCursor];
  return { ...pages, cursors, index: pages.index + 1 };
}

/** One page newer (no-op on the newest). */
export function newerPage(pages: LogPages): LogPages {
  return pages.index === 0 ? pages : { ...pages, index: pages.index - 1 };
}

/** One message of a payload, readable: who said it and what, with anything else it carried as JSON. */
export interface PayloadMessage {
  role: string;
  text: string;
  /** Parts that are not text (images, tool calls…) and extra fields, as compact JSON; null when none. */
  extra: string | null;
}

/** A payload as text, or as chat messages. */
export type ReadablePayload = { kind: "text"; text: string } | { kind: "messages"; messages: PayloadMessage[] };

function partText(part: unknown): string | null {
  if (typeof part === "string") return part;
  if (part && typeof part === "object" && "text" in part && typeof part.text === "string") return part.text;
  return null;
}

/** Turns a stored payload into text or a list of messages; parts that are not text are kept as JSON, never dropped. */
export function readablePayload(payload: Payload | null): ReadablePayload | null {
  if (payload === null) return null;
  if (typeof payload === "string") return { kind: "text", text: payload };
  return {
    kind: "messages",
    messages: payload.map((message) => {
      const { role, content, ...rest } = message;
      const texts: string[] = [];
      const others: unknown[] = [];
      if (typeof content === "string") texts.push(content);
      else if (Array.isArray(content)) {
        for (const part of content) {
          const text = partText(part);
          if (text === null) others.push(part);
          else texts.push(text);
        }
      }
      const extraFields = Object.keys(rest).length > 0 ? rest : null;
      const extra =
        others.length > 0 || extraFields ? JSON.stringify(others.length > 0 ? { ...extraFields, parts: others } : extraFields) : null;
      return { role, text: texts.join("\n"), extra };
    }),
  };
}

/** A labelled value of the detail drawer. */
export interface DetailField {
  label: string;
  value: string;
}

/** A titled group of fields. */
export interface DetailSection {
  title: string;
  fields: DetailField[];
}

const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** The event's fields in three groups (request, usage and cost, context), formatted; absent values are left out. */
export function detailSections(e: LogRow, f: Formatters): DetailSection[] {
  const keep = (fields: Array<DetailField | null>) => fields.filter((x): x is DetailField => x !== null);
  const opt = (label: string, value: string | number | null | undefined) =>
    value === null || value === undefined || value === "" ? null : { label, value: String(value) };
  return [
    {
      title: "Request",
      fields: keep([
        { label: "Status", value: e.status === "success" ? statusLabel(e) : `Error · ${statusLabel(e)}` },
        opt("Error message", e.errorMessage),
        opt("HTTP status", e.httpStatus),
        { label: "Provider", value: e.provider },
        { label: "Model", value: e.model },
        opt("Answered by", e.responseModel),
        { label: "Latency", value: f.duration(e.latencyMs) },
        e.ttftMs === null ? null : { label: "Time to first token", value: f.duration(e.ttftMs) },
        { label: "Streamed", value: yesNo(e.streamed) },
        { label: "Retries", value: f.number(e.retries, 0) },
        { label: "Fallback", value: e.fallback ? `Yes${e.fallbackFrom ? `, from ${e.fallbackFrom}` : ""}` : "No" },
        { label: "Cache hit", value: yesNo(e.cacheHit) },
      ]),
    },
    {
      title: "Usage and cost",
      fields: keep([
        { label: "Input tokens", value: f.number(e.usage.inputTokens, 0) },
        { label: "Output tokens", value: f.number(e.usage.outputTokens, 0) },
        e.usage.cacheReadTokens > 0 ? { label: "Cache read tokens", value: f.number(e.usage.cacheReadTokens, 0) } : null,
        e.usage.cacheWriteTokens > 0 ? { label: "Cache write tokens", value: f.number(e.usage.cacheWriteTokens, 0) } : null,
        e.usage.reasoningTokens > 0 ? { label: "Reasoning tokens", value: f.number(e.usage.reasoningTokens, 0) } : null,
        {
          label: "Cost",
          value: e.costUsd === null ? "Unpriced (no price for this model)" : `${f.currency(e.costUsd)} (${e.costSource})`,
        },
      ]),
    },
    {
      title: "Context",
      fields: keep([
        { label: "Event id", value: e.id },
        opt("User", e.userId),
        opt("Session", e.sessionId),
        opt("Trace", e.traceId),
        opt("Feature", e.feature),
        { label: "Environment", value: e.environment },
        opt("Release", e.release),
        e.tags.length > 0 ? { label: "Tags", value: e.tags.join(", ") } : null,
        ...Object.entries(e.metadata ?? {}).map(([key, value]) => ({ label: `metadata.${key}`, value: String(value) })),
      ]),
    },
  ];
}

/** How a feedback record was given, in words: "Thumbs up", "4 / 5 stars" or "Score 0.8". */
export function feedbackRating(record: FeedbackRecord, f: Formatters): string {
  if (record.thumbs) return record.thumbs === "up" ? "Thumbs up" : "Thumbs down";
  if (record.stars !== null) return `${record.stars} / 5 stars`;
  return `Score ${f.number(record.score, 2)}`;
}
