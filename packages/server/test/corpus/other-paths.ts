import { gzipSync } from "node:zlib";
import { T0 } from "../fixtures.js";
import { batch, type CorpusCase, MB, ok } from "./case.js";

const fb = (...feedback: unknown[]) => JSON.stringify({ feedback });
const good = { id: "fb-good", eventId: "e1", thumbs: "up" };
const withFeedbackSibling = (name: string, bad: Record<string, unknown>, path: string, mentions?: string): CorpusCase => ({
  name,
  path: "/v1/feedback",
  body: fb(good, { id: "fb-bad", eventId: "e1", ...bad }),
  status: 207,
  rejected: [[1, path]],
  storedFeedback: ["fb-good"],
  ...(mentions === undefined ? {} : { mentions }),
});

/** Nanoseconds since the epoch as OTLP/JSON writes them (a decimal string). */
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;

/** An OTLP/JSON export with one span carrying `attributes` (OTLP KeyValue list). */
function otlpJson(attributes: unknown[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "corpus" } }] },
        scopeSpans: [
          {
            scope: { name: "corpus" },
            spans: [
              {
                traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
                spanId: "00f067aa0ba902b7",
                name: "chat gpt-4o",
                kind: 3,
                startTimeUnixNano: nanos(T0),
                endTimeUnixNano: nanos(T0 + 1200),
                attributes,
                status: { code: 1 },
              },
            ],
          },
        ],
      },
    ],
  });
}
const GEN_AI = [
  { key: "gen_ai.provider.name", value: { stringValue: "openai" } },
  { key: "gen_ai.request.model", value: { stringValue: "gpt-4o" } },
  { key: "gen_ai.usage.input_tokens", value: { intValue: "120" } },
  { key: "gen_ai.usage.output_tokens", value: { intValue: "30" } },
];

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}
const field = (tag: number, body: Uint8Array) => Buffer.concat([Buffer.from([tag, ...varint(body.length)]), body]);

/**
 * A protobuf export whose one GenAI span has an attribute nesting `levels` ArrayValues, built
 * inside out in linear time (concatenating level by level would be quadratic).
 */
function deepProtobuf(levels: number): Uint8Array {
  const leaf = Buffer.from([0x0a, 0x01, 0x78]); // AnyValue{string_value: "x"}
  const prefixes: Buffer[] = [];
  let size = leaf.length;
  for (let i = 0; i < levels; i++) {
    // ArrayValue{values(1): AnyValue}, then AnyValue{array_value(5): ArrayValue}.
    const inner = [0x0a, ...varint(size)];
    size += inner.length;
    const outer = [0x2a, ...varint(size)];
    size += outer.length;
    prefixes.push(Buffer.from([...outer, ...inner]));
  }
  const deepValue = Buffer.concat([...prefixes.reverse(), leaf]);
  const str = (s: string) => Buffer.from(s, "utf8");
  const kv = (key: string, value: Uint8Array) => field(0x4a, Buffer.concat([field(0x0a, str(key)), field(0x12, value)]));
  const span = Buffer.concat([
    field(0x0a, Buffer.alloc(16, 1)),
    field(0x12, Buffer.alloc(8, 2)),
    field(0x2a, str("chat")),
    kv("gen_ai.provider.name", field(0x0a, str("openai"))),
    kv("gen_ai.request.model", field(0x0a, str("gpt-4o"))),
    kv("deep", deepValue),
  ]);
  return field(0x0a, field(0x12, field(0x12, span)));
}

/** `levels` nested OTLP/JSON arrayValues, as text. */
const deepJsonValue = (levels: number) => `${'{"arrayValue":{"values":['.repeat(levels)}{"stringValue":"x"}${"]}}".repeat(levels)}`;

const TEN_MB = 10 * MB;
const bigText = (bytes: number) => `{"events":[{"errorMessage":"${"x".repeat(bytes)}"}]}`;
/** 64 MB of zeros in about 64 KB: far past the 5 MB limit once inflated. */
const gzipBomb = () => gzipSync(Buffer.alloc(64 * MB), { level: 9 });

/** Feedback, OTLP traces, the tRPC ingest procedures, and hostile read parameters. */
export const otherPaths: CorpusCase[] = [
  // Bodies past 5 MB on every path, declared or streamed.
  {
    name: "a 5 MB + 1 byte body",
    body: () => batch(ok("a")).padEnd(5 * MB + 1),
    status: 413,
    code: "payload_too_large",
    mentions: "5242880",
  },
  { name: "a 10 MB errorMessage", body: () => bigText(TEN_MB), status: 413, code: "payload_too_large" },
  { name: "a 10 MB body streamed without a length", body: () => bigText(TEN_MB), chunked: true, status: 413, code: "payload_too_large" },
  { name: "a 10 MB feedback body", path: "/v1/feedback", body: () => bigText(TEN_MB), status: 413, code: "payload_too_large" },
  { name: "a 10 MB /trpc/ingest.events body", path: "/trpc/ingest.events", body: () => bigText(TEN_MB), status: 413 },
  { name: "a 10 MB /v1/traces body", path: "/v1/traces", body: () => bigText(TEN_MB), status: 413 },
  {
    name: "1,000 events are accepted",
    body: () => batch(...Array.from({ length: 1000 }, (_, i) => ok(`k-${i}`, { timestamp: T0 + i }))),
    status: 200,
    storedCount: 1000,
  },
  {
    name: "1,001 events answer 413 naming the limit",
    body: () => batch(...Array.from({ length: 1001 }, (_, i) => ok(`k-${i}`))),
    status: 413,
    code: "too_many_items",
    mentions: "1000",
  },
  {
    name: "1,001 events through /trpc/ingest.events answer 413 naming the limit",
    path: "/trpc/ingest.events",
    body: () => batch(...Array.from({ length: 1001 }, (_, i) => ok(`k-${i}`))),
    status: 413,
    mentions: "1000",
  },
  {
    name: "1,001 feedback items answer 413",
    path: "/v1/feedback",
    body: () => fb(...Array.from({ length: 1001 }, (_, i) => ({ id: `f-${i}`, eventId: "e", thumbs: "up" }))),
    status: 413,
    code: "too_many_items",
    mentions: "1000",
  },
  // tRPC ingest.
  { name: "malformed JSON on /trpc/ingest.events", path: "/trpc/ingest.events", body: '{"events":[', status: 400 },
  { name: "an empty batch on /trpc/ingest.events", path: "/trpc/ingest.events", body: '{"events":[]}', status: 400 },
  { name: "no events key on /trpc/ingest.events", path: "/trpc/ingest.events", body: '{"event":[]}', status: 400 },
  {
    name: "a NUL errorMessage on /trpc/ingest.events rejects that event only",
    path: "/trpc/ingest.events",
    body: batch(ok("good"), ok("bad", { status: "error", errorMessage: "\u0000" })),
    status: 200,
    rejected: [[1, "errorMessage"]],
    stored: ["good"],
  },
  { name: "an empty feedback batch on /trpc/ingest.feedback", path: "/trpc/ingest.feedback", body: '{"feedback":[]}', status: 400 },
  // Feedback.
  withFeedbackSibling("stars 0", { stars: 0 }, "stars", "1"),
  withFeedbackSibling("stars 6", { stars: 6 }, "stars", "5"),
  withFeedbackSibling("stars 2.5", { stars: 2.5 }, "stars", "integer"),
  withFeedbackSibling("score 1.5", { score: 1.5 }, "score", "1"),
  withFeedbackSibling("score NaN as a string", { score: "NaN" }, "score"),
  withFeedbackSibling("thumbs sideways", { thumbs: "sideways" }, "thumbs"),
  withFeedbackSibling("thumbs and stars together", { thumbs: "up", stars: 5 }, "score", "exactly one"),
  withFeedbackSibling("no eventId nor sessionId", { eventId: undefined, sessionId: undefined, thumbs: "up" }, "eventId"),
  withFeedbackSibling("a comment of 4,001 characters", { thumbs: "up", comment: "c".repeat(4001) }, "comment", "4000"),
  withFeedbackSibling("NUL in a comment", { thumbs: "up", comment: "a\u0000" }, "comment", "NUL"),
  withFeedbackSibling("a lone surrogate in a feedback userId", { thumbs: "up", userId: "\ud800" }, "userId", "surrogate"),
  withFeedbackSibling("feedback from year 9999", { thumbs: "up", timestamp: "9999-01-01T00:00:00Z" }, "timestamp"),
  {
    name: "a 4,000-character comment of SQL, HTML and unicode",
    path: "/v1/feedback",
    body: fb({
      id: "fb-text",
      eventId: "e1",
      userId: "ユーザー",
      stars: 4,
      comment: "'; DROP TABLE feedback; -- <b>é</b> 😀 ".repeat(100).slice(0, 4000),
    }),
    status: 200,
    storedFeedback: ["fb-text"],
  },
  { name: "malformed feedback JSON", path: "/v1/feedback", body: '{"feedback":[{', status: 400, code: "malformed_json" },
  { name: "an empty feedback batch", path: "/v1/feedback", body: '{"feedback":[]}', status: 400, code: "empty_batch" },
  { name: "events sent to /v1/feedback", path: "/v1/feedback", body: batch(ok("a")), status: 400, code: "invalid_body" },
  // OTLP traces (gzip is accepted here, so bombs must stop at the limit once inflated).
  { name: "a gzip bomb on /v1/traces (JSON)", path: "/v1/traces", body: gzipBomb, headers: { "content-encoding": "gzip" }, status: 413 },
  {
    name: "a gzip bomb on /v1/traces (protobuf)",
    path: "/v1/traces",
    contentType: "application/x-protobuf",
    body: gzipBomb,
    headers: { "content-encoding": "gzip" },
    status: 413,
  },
  {
    name: "truncated gzip on /v1/traces",
    path: "/v1/traces",
    body: () => gzipSync(otlpJson(GEN_AI)).subarray(0, 40),
    headers: { "content-encoding": "gzip" },
    status: 400,
  },
  { name: "gzip claimed, plain sent", path: "/v1/traces", body: otlpJson(GEN_AI), headers: { "content-encoding": "gzip" }, status: 400 },
  { name: "br encoding on /v1/traces", path: "/v1/traces", body: otlpJson(GEN_AI), headers: { "content-encoding": "br" }, status: 415 },
  { name: "text/plain on /v1/traces", path: "/v1/traces", body: otlpJson(GEN_AI), contentType: "text/plain", status: 415 },
  { name: "malformed OTLP JSON", path: "/v1/traces", body: '{"resourceSpans":[', status: 400 },
  { name: "OTLP JSON null", path: "/v1/traces", body: "null", status: 400 },
  {
    name: "protobuf garbage",
    path: "/v1/traces",
    contentType: "application/x-protobuf",
    body: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]),
    status: 400,
  },
  { name: "a GenAI span over OTLP/JSON", path: "/v1/traces", body: otlpJson(GEN_AI), status: 200, storedCount: 1 },
  {
    name: "a gzipped GenAI span over OTLP/JSON",
    path: "/v1/traces",
    body: () => gzipSync(otlpJson(GEN_AI)),
    headers: { "content-encoding": "gzip" },
    status: 200,
    storedCount: 1,
  },
  {
    name: "a GenAI span with negative and huge token counts is rejected in partialSuccess",
    path: "/v1/traces",
    body: otlpJson([...GEN_AI.slice(0, 2), { key: "gen_ai.usage.input_tokens", value: { intValue: "99999999999999999999" } }]),
    status: 200,
    storedCount: 0,
  },
  {
    name: "an OTLP/JSON attribute nesting 100,000 arrays",
    path: "/v1/traces",
    body: () => otlpJson([...GEN_AI, { key: "deep", value: "__DEEP__" }]).replace('"__DEEP__"', deepJsonValue(100_000)),
    status: 200,
    storedCount: 1,
  },
  {
    name: "a protobuf attribute nesting 100,000 arrays",
    path: "/v1/traces",
    contentType: "application/x-protobuf",
    body: () => deepProtobuf(100_000),
    status: 400,
  },
  { name: "no key on /v1/traces", path: "/v1/traces", body: otlpJson(GEN_AI), key: "none", status: 401 },
  // Read paths with text no column can hold.
  {
    name: "a NUL in an export filter",
    path: "/v1/export?model=%00",
    method: "GET",
    key: "read",
    status: 400,
  },
  {
    name: "a NUL in a KPI filter",
    path: `/trpc/kpi.overview?input=${encodeURIComponent(JSON.stringify({ range: { last: "24h" }, filters: { model: "\u0000" } }))}`,
    method: "GET",
    key: "read",
    status: 400,
    mentions: "filters.model",
  },
  {
    name: "a lone surrogate in a KPI filter",
    path: `/trpc/kpi.overview?input=${encodeURIComponent('{"range":{"last":"24h"},"filters":{"userId":"\\ud800"}}')}`,
    method: "GET",
    key: "read",
    status: 400,
    mentions: "filters.userId",
  },
];
