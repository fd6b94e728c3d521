import { describe, expect, it } from "vitest";
import { makeLlmEventParser } from "./event.js";
import { LIMITS } from "./limits.js";

/**
 * The fast path must agree with the zod schema: whatever it accepts, zod accepts with an equal
 * output; whatever zod accepts from plain JSON objects, it accepts too (so it is actually used).
 */

const full = {
  id: "ev_1",
  timestamp: Date.UTC(2024, 5, 1, 12),
  provider: "openai",
  model: "gpt-4o",
  responseModel: "gpt-4o-2024-08-06",
  status: "error",
  errorType: "rate_limit",
  errorMessage: "429 Too Many Requests",
  httpStatus: 429,
  usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 300, cacheWriteTokens: 100, reasoningTokens: 50 },
  costUsd: 0.0123,
  latencyMs: 1234.5,
  ttftMs: 200,
  streamed: true,
  retries: 2,
  fallback: true,
  fallbackFrom: "gpt-4.1",
  cacheHit: false,
  userId: "user_1",
  sessionId: "sess_1",
  traceId: "tr_1",
  feature: "chat",
  environment: "staging",
  release: "1.2.3",
  tags: ["a", "b"],
  metadata: { plan: "pro", n: 3, beta: true },
  input: [{ role: "user", content: "hi", name: "x" }],
  output: "hello",
};
const minimal = { provider: "openai", model: "gpt-4o", status: "success", latencyMs: 120 };

const s = (n: number, c = "a") => c.repeat(n);
const texts = (max: number) => [
  undefined,
  null,
  "",
  "a",
  s(max),
  s(max + 1),
  "a\u0000b",
  "\ud800",
  "x\udc00",
  "😀",
  s(max / 2, "😀"),
  5,
  true,
  [],
  {},
];
const numbers = [
  undefined,
  null,
  -1,
  -0,
  0,
  0.5,
  1,
  99,
  100,
  101,
  599,
  600,
  1e9,
  1e9 + 1,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "1",
  true,
];

const now = Date.now();
const metadataOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
const deep = (levels: number): unknown => {
  let v: unknown = "x";
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

const variants: Record<string, unknown[]> = {
  id: texts(LIMITS.idLength),
  timestamp: [
    undefined,
    null,
    now,
    now + LIMITS.futureSkewMs - 1000,
    now + LIMITS.futureSkewMs + 60_000,
    LIMITS.minTimestampMs,
    LIMITS.minTimestampMs - 1,
    LIMITS.minTimestampMs - 0.5,
    1.7e12 + 0.75,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "2024-01-01",
    "2024-01-01T00:00:00",
    "2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00.123+02:00",
    "2024-02-30",
    "1",
    "",
    "March 7, 2024",
    true,
    {},
  ],
  provider: texts(LIMITS.providerLength),
  model: texts(LIMITS.modelLength),
  responseModel: texts(LIMITS.modelLength),
  status: [undefined, null, "success", "error", "Success", "", 1],
  errorType: [undefined, null, "other", "rate_limit", "content_filter", "bogus", "", 3],
  errorMessage: texts(LIMITS.errorMessageLength),
  httpStatus: [...numbers, 200.5, 429],
  usage: [
    undefined,
    null,
    {},
    [],
    "x",
    { inputTokens: 10 },
    { inputTokens: 10, cacheReadTokens: 10 },
    { inputTokens: 10, cacheReadTokens: 6, cacheWriteTokens: 5 },
    { inputTokens: 10, cacheReadTokens: 5, cacheWriteTokens: 5 },
    { outputTokens: 5, reasoningTokens: 5 },
    { outputTokens: 5, reasoningTokens: 6 },
    { cacheReadTokens: 1 },
    { inputTokens: -1 },
    { inputTokens: 1.5 },
    { inputTokens: 1e9 },
    { inputTokens: 1e9 + 1 },
    { inputTokens: Number.NaN },
    { inputTokens: "5" },
    { inputTokens: null },
    { inputTokens: undefined, outputTokens: 3 },
    { inputTokens: 1, extra: "kept out" },
    { inputTokens: -1, reasoningTokens: 5 },
  ],
  costUsd: [...numbers, 1e6, 1e6 + 0.01, 0.000001],
  latencyMs: [...numbers, LIMITS.maxDurationMs, LIMITS.maxDurationMs + 1, 5000.25],
  ttftMs: [...numbers, 120, 121, 119.9, LIMITS.maxDurationMs + 1],
  streamed: [undefined, null, true, false, 0, "true"],
  retries: numbers,
  fallback: [undefined, null, true, false, 1],
  fallbackFrom: texts(LIMITS.modelLength),
  cacheHit: [undefined, null, true, false, "no"],
  userId: texts(LIMITS.identityLength),
  sessionId: texts(LIMITS.identityLength),
  traceId: texts(LIMITS.identityLength),
  feature: texts(LIMITS.featureLength),
  environment: texts(LIMITS.environmentLength),
  release: texts(LIMITS.releaseLength),
  tags: [
    undefined,
    null,
    [],
    ["a"],
    Array.from({ length: 32 }, () => s(64)),
    Array.from({ length: 33 }, () => "t"),
    ["a", s(65)],
    ["a\u0000"],
    ["\ud800"],
    [1],
    [null],
    "a",
    {},
  ],
  metadata: [
    undefined,
    null,
    {},
    [],
    "x",
    { a: "b", c: 1, d: false },
    metadataOf(64),
    metadataOf(65),
    { [s(128)]: 1 },
    { [s(129)]: 1 },
    { a: s(8192) },
    { a: s(8180) },
    { a: s(2720, "é") },
    { a: s(2000, "😀") },
    { a: null },
    { a: {} },
    { a: [] },
    { a: Number.NaN },
    { a: "x\u0000" },
    { a: "\udc00" },
    { 1: "one", b: 2, 0: "zero" },
    JSON.parse('{"__proto__": 1}'),
    JSON.parse('{"a": 1, "__proto__": "x"}'),
  ],
  input: [
    undefined,
    null,
    "",
    "plain text",
    "with \u0000 NUL and \ud800",
    s(LIMITS.payloadBytes),
    s(LIMITS.payloadBytes + 1),
    s(LIMITS.payloadBytes / 2, "é"),
    s(LIMITS.payloadBytes / 2 + 1, "é"),
    [],
    [{ role: "user", content: "hi" }],
    [{ content: "hi", role: "user", extra: { deep: [1, 2] } }],
    [{ role: "user" }],
    [{ role: "user", content: null }],
    [{ role: "user", content: [{ type: "text", text: "x" }] }],
    [{ role: "user", content: 5 }],
    [{ role: s(65), content: "x" }],
    [{ content: "x" }],
    [JSON.parse('{"role": "user", "__proto__": {"x": 1}, "content": "a"}')],
    ["x"],
    [null],
    { role: "user" },
    5,
    [{ role: "user", content: [deep(61)] }],
    [{ role: "user", content: [deep(62)] }],
    [{ role: "user", content: [deep(63)] }],
  ],
  output: ["", "answer", 5, [{ role: "assistant", content: "ok" }], [{ role: 1 }], null],
};

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** `base` with `field` set to `value`; undefined deletes the key unless `explicitUndefined`. */
function withField(base: Record<string, unknown>, field: string, value: unknown, explicitUndefined = false): Record<string, unknown> {
  const out = { ...base };
  if (value === undefined && !explicitUndefined) delete out[field];
  else out[field] = value;
  return out;
}

/** `complete`: the fast path must also accept every valid item (true for plain JSON objects). */
function agree(parser: ReturnType<typeof makeLlmEventParser>, item: unknown, complete = true) {
  const fast = parser.fast(item);
  const slow = parser.schema.safeParse(item);
  if (fast !== undefined) {
    expect(slow.error?.issues, JSON.stringify(item)?.slice(0, 300)).toBeUndefined();
    expect(fast).toEqual(slow.data);
    // What is stored from them serializes identically.
    for (const k of ["input", "output", "metadata", "tags"] as const) expect(JSON.stringify(fast[k])).toBe(JSON.stringify(slow.data![k]));
  } else if (complete) {
    expect(slow.success, `fast path refused a valid event: ${JSON.stringify(item)?.slice(0, 300)}`).toBe(false);
  }
  return slow.success;
}

describe("LlmEvent fast path", () => {
  const parser = makeLlmEventParser();

  it("accepts the minimal and the full event like zod", () => {
    expect(agree(parser, minimal)).toBe(true);
    expect(agree(parser, full)).toBe(true);
    expect(parser.fast(full)).toBeDefined();
  });

  it("agrees with zod on every single-field edge value, from two base events", () => {
    let accepted = 0;
    let rejected = 0;
    for (const base of [minimal, full, { ...full, status: "success", errorType: undefined }]) {
      for (const [field, values] of Object.entries(variants)) {
        for (const value of values) {
          for (const explicit of [false, true]) {
            if (agree(parser, withField(base, field, value, explicit))) accepted += 1;
            else rejected += 1;
          }
        }
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  // 20,000 zod parses: ~3 s on a fast core, ~12 s on a slow or shared one; a correctness check, not a timed one.
  it("agrees with zod on 20,000 random combinations of edge values", () => {
    const random = rng(12345);
    const fields = Object.keys(variants);
    for (let i = 0; i < 20_000; i++) {
      let item: Record<string, unknown> = random() < 0.5 ? { ...minimal } : { ...full };
      const changes = 1 + Math.floor(random() * 4);
      for (let c = 0; c < changes; c++) {
        const field = fields[Math.floor(random() * fields.length)]!;
        const values = variants[field]!;
        item = withField(item, field, values[Math.floor(random() * values.length)], random() < 0.5);
      }
      agree(parser, item);
    }
  }, 60_000);

  it("agrees on non-object events and objects that are not plain", () => {
    for (const item of [null, undefined, 5, "x", [], [minimal], new Date(), Object.assign(Object.create(null), minimal)]) {
      agree(parser, item, false);
    }
    class Event {
      provider = "openai";
      model = "m";
      status = "success";
      latencyMs = 1;
    }
    agree(parser, new Event(), false);
  });

  it("honours a configured payload limit", () => {
    const small = makeLlmEventParser({ maxPayloadBytes: 10 });
    for (const input of ["0123456789", "01234567890", "ééééé", "éééééé", [{ role: "u" }], [{ role: "user", content: "much too long" }]]) {
      agree(small, { ...minimal, input });
      agree(small, { ...minimal, output: input });
    }
  });
});
