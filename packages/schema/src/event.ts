import { z } from "zod";
import { utf8Length } from "./byte-length.js";
import { LIMITS } from "./limits.js";
import { isStoredText, storedText as text } from "./stored-text.js";
import { eventTimestamp } from "./timestamp.js";

const count = z.number().int("must be an integer").min(0, "must be ≥ 0").max(LIMITS.maxTokens, `must be ≤ ${LIMITS.maxTokens}`);
const nonNegative = z.number().finite().min(0, "must be ≥ 0");
const duration = nonNegative.max(LIMITS.maxDurationMs, `must be ≤ ${LIMITS.maxDurationMs} (7 days)`);

export const ERROR_TYPES = [
  "rate_limit",
  "timeout",
  "server_error",
  "network",
  "auth",
  "invalid_request",
  "context_length",
  "content_filter",
  "cancelled",
  "other",
] as const;
/** Why a request failed, in the provider-neutral words of SPEC.md §1. */
export const ErrorType = z.enum(ERROR_TYPES);
export type ErrorType = z.infer<typeof ErrorType>;

export const EventStatus = z.enum(["success", "error"]);
export type EventStatus = z.infer<typeof EventStatus>;

/** Token counts with OpenTelemetry GenAI meaning: cache tokens are part of input, reasoning part of output. */
export const Usage = z
  .object({
    inputTokens: count.default(0),
    outputTokens: count.default(0),
    cacheReadTokens: count.default(0),
    cacheWriteTokens: count.default(0),
    reasoningTokens: count.default(0),
  })
  .check((ctx) => {
    // A count already invalid (negative, fractional) says enough; the partition rules would only echo it.
    if (ctx.issues.length > 0) return;
    const u = ctx.value;
    if (u.cacheReadTokens + u.cacheWriteTokens > u.inputTokens) {
      ctx.issues.push({
        code: "custom",
        input: u,
        path: ["cacheReadTokens"],
        message: "cacheReadTokens + cacheWriteTokens must not exceed inputTokens (cache tokens are part of input)",
      });
    }
    if (u.reasoningTokens > u.outputTokens) {
      ctx.issues.push({
        code: "custom",
        input: u,
        path: ["reasoningTokens"],
        message: "reasoningTokens must not exceed outputTokens (reasoning tokens are part of output)",
      });
    }
  });
export type Usage = z.infer<typeof Usage>;

const metadataValue = z.union([text(LIMITS.metadataBytes), z.number().finite(), z.boolean()]);
const metadataKey = z.string().max(LIMITS.tagLength * 2, `keys must be at most ${LIMITS.tagLength * 2} characters`);
const metadataRecord = z.record(metadataKey, metadataValue).check((ctx) => {
  const keys = Object.keys(ctx.value).length;
  if (keys > LIMITS.metadataKeys) {
    ctx.issues.push({ code: "custom", input: ctx.value, message: `must have at most ${LIMITS.metadataKeys} keys` });
  } else if (utf8Length(JSON.stringify(ctx.value)) > LIMITS.metadataBytes) {
    ctx.issues.push({
      code: "custom",
      input: ctx.value,
      message: `must be at most ${LIMITS.metadataBytes} bytes serialized`,
    });
  }
});
/** Flat key → string/number/boolean map, ≤ 64 keys and ≤ 8 KB serialized. */
export const Metadata = z
  // JSON.parse makes "__proto__" an own key, which z.record would drop without a word: refuse it instead.
  .custom<z.input<typeof metadataRecord>>((v) => !(typeof v === "object" && v !== null && Object.hasOwn(v, "__proto__")), {
    message: 'must not use the key "__proto__"',
  })
  .pipe(metadataRecord);

/** One chat message as the common SDKs send it; content may be text or an array of parts. */
export const ChatMessage = z.looseObject({
  role: z.string().max(64),
  content: z.union([z.string(), z.array(z.unknown()), z.null()]).optional(),
});
/** A prompt or completion: plain text or a chat-messages array. */
export const Payload = z.union([z.string(), z.array(ChatMessage)]);
export type Payload = z.infer<typeof Payload>;

/** Whether arrays and objects in `value` nest deeper than `max` levels; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Payload size as stored (UTF-8 bytes of the text, or of the JSON of a messages array). */
export function payloadBytes(payload: Payload): number {
  return typeof payload === "string" ? utf8Length(payload) : utf8Length(JSON.stringify(payload));
}

export interface EventSchemaOptions {
  /** Largest `input` or `output` in UTF-8 bytes; SPEC default 256 KB. */
  maxPayloadBytes?: number;
}

/** The `input`/`output` schema for a payload limit: a Payload no deeper than 64 levels and no larger than `maxPayload`. */
function boundedPayload(maxPayload: number) {
  return Payload.check((ctx) => {
    if (nestsDeeperThan(ctx.value, LIMITS.payloadDepth)) {
      ctx.issues.push({ code: "custom", input: ctx.value, message: `must nest at most ${LIMITS.payloadDepth} levels deep` });
    } else if (payloadBytes(ctx.value) > maxPayload) {
      ctx.issues.push({ code: "custom", input: ctx.value, message: `must be at most ${maxPayload} bytes` });
    }
  });
}

/** Builds the `LlmEvent` schema; the server passes its configured payload limit. */
export function makeLlmEventSchema(options: EventSchemaOptions = {}) {
  return eventSchemaWith(boundedPayload(options.maxPayloadBytes ?? LIMITS.payloadBytes));
}

function eventSchemaWith(payload: ReturnType<typeof boundedPayload>) {
  return z
    .object({
      id: text(LIMITS.idLength).min(1, "must not be empty").optional(),
      timestamp: eventTimestamp.optional(),
      provider: text(LIMITS.providerLength).min(1, "is required"),
      model: text(LIMITS.modelLength).min(1, "is required"),
      responseModel: text(LIMITS.modelLength).optional(),
      status: EventStatus,
      errorType: ErrorType.optional(),
      errorMessage: text(LIMITS.errorMessageLength).optional(),
      httpStatus: z.number().int("must be an integer").min(100, "must be ≥ 100").max(599, "must be ≤ 599").optional(),
      usage: Usage.optional(),
      costUsd: nonNegative.max(LIMITS.maxCostUsd, `must be ≤ ${LIMITS.maxCostUsd}`).optional(),
      latencyMs: duration,
      ttftMs: duration.optional(),
      streamed: z.boolean().optional(),
      retries: z
        .number()
        .int("must be an integer")
        .min(0, "must be ≥ 0")
        .max(LIMITS.maxRetries, `must be ≤ ${LIMITS.maxRetries}`)
        .optional(),
      fallback: z.boolean().optional(),
      fallbackFrom: text(LIMITS.modelLength).optional(),
      cacheHit: z.boolean().optional(),
      userId: text(LIMITS.identityLength).optional(),
      sessionId: text(LIMITS.identityLength).optional(),
      traceId: text(LIMITS.identityLength).optional(),
      feature: text(LIMITS.featureLength).optional(),
      environment: text(LIMITS.environmentLength).optional(),
      release: text(LIMITS.releaseLength).optional(),
      tags: z.array(text(LIMITS.tagLength)).max(LIMITS.tagCount, `must have at most ${LIMITS.tagCount} tags`).optional(),
      metadata: Metadata.optional(),
      input: payload.optional(),
      output: payload.optional(),
    })
    .check((ctx) => {
      const e = ctx.value;
      if (e.status === "success" && e.errorType !== undefined) {
        ctx.issues.push({ code: "custom", input: e.errorType, path: ["errorType"], message: "must be absent when status is success" });
      }
      if (e.ttftMs !== undefined && e.ttftMs > e.latencyMs) {
        ctx.issues.push({ code: "custom", input: e.ttftMs, path: ["ttftMs"], message: "must not exceed latencyMs" });
      }
    })
    .transform((e) => ({
      ...e,
      errorType: e.status === "error" ? (e.errorType ?? "other") : undefined,
      environment: e.environment ?? "production",
      retries: e.retries ?? 0,
      fallback: e.fallback ?? false,
      streamed: e.streamed ?? false,
      cacheHit: e.cacheHit ?? false,
      usage: e.usage ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    }));
}

/** One LLM request after retries and fallbacks have played out (SPEC.md §1). */
export const LlmEvent = makeLlmEventSchema();
/** An event as a client sends it. */
export type LlmEventInput = z.input<typeof LlmEvent>;
/** An event after validation and defaults: timestamp in epoch ms, errorType set on errors. */
export type LlmEvent = z.output<typeof LlmEvent>;

/** Validates events: `fast` hand-checks the common case, `schema` decides everything else and words every rejection. */
export interface LlmEventParser {
  schema: ReturnType<typeof makeLlmEventSchema>;
  /**
   * What `schema` would output for `item`, when `item` is certainly valid; undefined when it is
   * not, or when `fast` cannot tell (string timestamps and message-array payloads go through their
   * own field schemas; anything unusual is left whole to `schema`). It never accepts an item
   * `schema` rejects, so callers ask `schema` whenever it returns undefined.
   */
  fast(item: unknown): LlmEvent | undefined;
}

const ERROR_TYPE_SET: ReadonlySet<unknown> = new Set(ERROR_TYPES);
const isEnumerable = Object.prototype.propertyIsEnumerable;

/** A plain object as JSON.parse makes them; anything else (class instances, null prototypes, proxies of arrays) is left to zod. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
/** `count`: an integer 0…maxTokens; absent (undefined) is 0 through its default; -1 when invalid. */
function tokenCount(v: unknown): number {
  if (v === undefined) return 0;
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= LIMITS.maxTokens ? (v as number) : -1;
}
const optionalText = (v: unknown, max: number): boolean => v === undefined || isStoredText(v, max);
const optionalBoolean = (v: unknown): v is boolean | undefined => v === undefined || typeof v === "boolean";
const isDuration = (v: unknown): v is number => isFiniteNumber(v) && v >= 0 && v <= LIMITS.maxDurationMs;
/** UTF-8 bytes of `s` are at most 3 per UTF-16 unit: only long strings need encoding to be measured. */
const utf8AtMost = (s: string, max: number): boolean => s.length * 3 <= max || utf8Length(s) <= max;

/** `Metadata` checked by hand: true when zod would accept `m` and output an equal record. */
function fastMetadataOk(m: Record<string, unknown>): boolean {
  const keys = Reflect.ownKeys(m);
  if (keys.length > LIMITS.metadataKeys) return false;
  for (const key of keys) {
    // Symbol, non-enumerable and "__proto__" keys are zod's to judge.
    if (typeof key !== "string" || key === "__proto__" || !isEnumerable.call(m, key)) return false;
    if (key.length > LIMITS.tagLength * 2) return false;
    const v = m[key];
    if (!(typeof v === "boolean" || isFiniteNumber(v) || isStoredText(v, LIMITS.metadataBytes))) return false;
  }
  return utf8AtMost(JSON.stringify(m), LIMITS.metadataBytes);
}

/** Builds an `LlmEvent` schema and its hand-checked fast path for the same payload limit. */
export function makeLlmEventParser(options: EventSchemaOptions = {}): LlmEventParser {
  const maxPayload = options.maxPayloadBytes ?? LIMITS.payloadBytes;
  const payload = boundedPayload(maxPayload);
  const schema = eventSchemaWith(payload);

  /** `input`/`output`: the value zod would output, or `INVALID`. Strings are checked here, message arrays by their schema. */
  const INVALID = Symbol("invalid");
  function fastPayload(v: unknown): Payload | undefined | typeof INVALID {
    if (v === undefined) return undefined;
    // A string nests no level deep; its stored size is its UTF-8 length.
    if (typeof v === "string") return utf8AtMost(v, maxPayload) ? v : INVALID;
    const r = payload.safeParse(v);
    return r.success ? r.data : INVALID;
  }

  function fast(item: unknown): LlmEvent | undefined {
    if (!isPlainObject(item)) return undefined;
    const e = item;
    const { provider, model, status, latencyMs } = e;
    if (!isStoredText(provider, LIMITS.providerLength) || provider.length === 0) return undefined;
    if (!isStoredText(model, LIMITS.modelLength) || model.length === 0) return undefined;
    if (status !== "success" && status !== "error") return undefined;
    if (!isDuration(latencyMs)) return undefined;

    const id = e.id;
    if (id !== undefined && (!isStoredText(id, LIMITS.idLength) || id.length === 0)) return undefined;
    let timestamp: number | undefined;
    const t = e.timestamp;
    if (typeof t === "number") {
      if (!Number.isFinite(t)) return undefined;
      timestamp = Math.trunc(t);
      if (timestamp < LIMITS.minTimestampMs || timestamp > Date.now() + LIMITS.futureSkewMs) return undefined;
    } else if (t !== undefined) {
      const r = eventTimestamp.safeParse(t);
      if (!r.success) return undefined;
      timestamp = r.data;
    }
    const errorType = e.errorType;
    if (errorType !== undefined && (status === "success" || !ERROR_TYPE_SET.has(errorType))) return undefined;
    const httpStatus = e.httpStatus;
    if (httpStatus !== undefined && !(Number.isInteger(httpStatus) && (httpStatus as number) >= 100 && (httpStatus as number) <= 599))
      return undefined;
    const costUsd = e.costUsd;
    if (costUsd !== undefined && !(isFiniteNumber(costUsd) && costUsd >= 0 && costUsd <= LIMITS.maxCostUsd)) return undefined;
    const ttftMs = e.ttftMs;
    if (ttftMs !== undefined && !(isDuration(ttftMs) && ttftMs <= latencyMs)) return undefined;
    const retries = e.retries;
    if (retries !== undefined && !(Number.isInteger(retries) && (retries as number) >= 0 && (retries as number) <= LIMITS.maxRetries))
      return undefined;
    const { streamed, fallback, cacheHit } = e;
    if (!optionalBoolean(streamed) || !optionalBoolean(fallback) || !optionalBoolean(cacheHit)) return undefined;
    const { responseModel, errorMessage, fallbackFrom, userId, sessionId, traceId, feature, environment, release } = e;
    if (
      !optionalText(responseModel, LIMITS.modelLength) ||
      !optionalText(errorMessage, LIMITS.errorMessageLength) ||
      !optionalText(fallbackFrom, LIMITS.modelLength) ||
      !optionalText(userId, LIMITS.identityLength) ||
      !optionalText(sessionId, LIMITS.identityLength) ||
      !optionalText(traceId, LIMITS.identityLength) ||
      !optionalText(feature, LIMITS.featureLength) ||
      !optionalText(environment, LIMITS.environmentLength) ||
      !optionalText(release, LIMITS.releaseLength)
    )
      return undefined;

    let usage: Usage;
    const u = e.usage;
    if (u === undefined) usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    else {
      if (!isPlainObject(u)) return undefined;
      const inputTokens = tokenCount(u.inputTokens);
      const outputTokens = tokenCount(u.outputTokens);
      const cacheReadTokens = tokenCount(u.cacheReadTokens);
      const cacheWriteTokens = tokenCount(u.cacheWriteTokens);
      const reasoningTokens = tokenCount(u.reasoningTokens);
      if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0 || reasoningTokens < 0) return undefined;
      if (cacheReadTokens + cacheWriteTokens > inputTokens || reasoningTokens > outputTokens) return undefined;
      usage = { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens };
    }

    const tags = e.tags;
    if (tags !== undefined) {
      if (!Array.isArray(tags) || tags.length > LIMITS.tagCount) return undefined;
      for (let i = 0; i < tags.length; i++) if (!isStoredText(tags[i], LIMITS.tagLength)) return undefined;
    }
    const metadata = e.metadata;
    if (metadata !== undefined && !(isPlainObject(metadata) && fastMetadataOk(metadata))) return undefined;
    const input = fastPayload(e.input);
    if (input === INVALID) return undefined;
    const output = fastPayload(e.output);
    if (output === INVALID) return undefined;

    return {
      id: id as string | undefined,
      timestamp,
      provider,
      model,
      responseModel: responseModel as string | undefined,
      status,
      errorType: status === "error" ? ((errorType as ErrorType | undefined) ?? "other") : undefined,
      errorMessage: errorMessage as string | undefined,
      httpStatus: httpStatus as number | undefined,
      usage,
      costUsd,
      latencyMs,
      ttftMs,
      streamed: streamed ?? false,
      retries: (retries as number | undefined) ?? 0,
      fallback: fallback ?? false,
      fallbackFrom: fallbackFrom as string | undefined,
      cacheHit: cacheHit ?? false,
      userId: userId as string | undefined,
      sessionId: sessionId as string | undefined,
      traceId: traceId as string | undefined,
      feature: feature as string | undefined,
      environment: (environment as string | undefined) ?? "production",
      release: release as string | undefined,
      tags: tags === undefined ? undefined : [...(tags as string[])],
      metadata: metadata === undefined ? undefined : { ...(metadata as Record<string, string | number | boolean>) },
      input,
      output,
    };
  }

  return { schema, fast };
}

/** `rescued`: the request needed retries or a fallback and still succeeded. */
export function isRescued(e: { retries: number; fallback: boolean; status: EventStatus }): boolean {
  return (e.retries > 0 || e.fallback) && e.status === "success";
}
