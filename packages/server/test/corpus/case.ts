import { event } from "../fixtures.js";

/** The ingest paths the corpus hits (plus read paths for hostile query strings). */
export type CorpusPath =
  | "/v1/events"
  | "/v1/feedback"
  | "/v1/traces"
  | "/trpc/ingest.events"
  | "/trpc/ingest.feedback"
  | `/v1/export?${string}`
  | `/trpc/kpi.overview?${string}`;

/** One hostile (or borderline) request and what the server must answer. */
export interface CorpusCase {
  /** What it probes; unique across the corpus. */
  name: string;
  /** Default /v1/events. */
  path?: CorpusPath;
  /** Default POST. */
  method?: string;
  /** The raw body: text (sent as UTF-8), exact bytes, or a generator for large or clock-relative bodies. */
  body?: string | Uint8Array | (() => string | Uint8Array);
  /** Replaces the default `content-type: application/json`; null sends none. */
  contentType?: string | null;
  /** Further request headers. */
  headers?: Record<string, string>;
  /** Which credential to send; default the project's ingest key. */
  key?: "ingest" | "read" | "none" | "unknown";
  /** Stream the body in 64 KB chunks, without a content-length. */
  chunked?: boolean;
  /** Expected HTTP status. */
  status: number;
  /** Expected `error.code` of a /v1 JSON error body. */
  code?: string;
  /** Text the error message (or the first rejection's message) must contain: the limit it names. */
  mentions?: string;
  /** Expected `[index, path]` of every rejection, in order. */
  rejected?: [number, string][];
  /** Ids that must be stored, and nothing else; their strings must read back byte-identical. */
  stored?: string[];
  /** How many events must be stored, when they are too many to list (or have server-assigned ids). */
  storedCount?: number;
  /** Feedback ids that must be stored (for /v1/feedback cases), strings byte-identical. */
  storedFeedback?: string[];
}

/** A valid event with an id; tests override the field they probe. */
export function ok(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return event({ id, ...overrides });
}

/** `{"events": [...]}` as JSON text. */
export function batch(...events: unknown[]): string {
  return JSON.stringify({ events });
}

/** A valid sibling followed by one bad event: the sibling must be stored and the bad one rejected at `path`. */
export function withSibling(name: string, bad: Record<string, unknown>, path: string, mentions?: string): CorpusCase {
  return {
    name,
    body: batch(ok("good"), ok("bad", bad)),
    status: 207,
    rejected: [[1, path]],
    stored: ["good"],
    ...(mentions === undefined ? {} : { mentions }),
  };
}

/** An event whose JSON is spliced by hand (for literals JSON.stringify cannot write, such as 1e400). */
export function rawBatch(...fragments: string[]): string {
  return `{"events":[${fragments.join(",")}]}`;
}

/** The JSON of a valid event with `field` replaced by a raw JSON literal. */
export function rawEvent(id: string, field: string, literal: string): string {
  const base = ok(id);
  delete base[field];
  return `${JSON.stringify(base).slice(0, -1)},${JSON.stringify(field)}:${literal}}`;
}

export const MB = 1024 * 1024;
