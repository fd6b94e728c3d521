import { z } from "zod";
import { utf8Length } from "./byte-length.js";
import { LIMITS } from "./limits.js";
import { storedText as text } from "./stored-text.js";
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

/** Builds the `LlmEvent` schema; the server passes its configured payload limit. */
export function makeLlmEventSchema(options: EventSchemaOptions = {}) {
  const maxPayload = options.maxPayloadBytes ?? LIMITS.payloadBytes;
  const payload = Payload.check((ctx) => {
    if (nestsDeeperThan(ctx.value, LIMITS.payloadDepth)) {
      ctx.issues.push({ code: "custom", input: ctx.value, message: `must nest at most ${LIMITS.payloadDepth} levels deep` });
    } else if (payloadBytes(ctx.value) > maxPayload) {
      ctx.issues.push({ code: "custom", input: ctx.value, message: `must be at most ${maxPayload} bytes` });
    }
  });
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

/** `rescued`: the request needed retries or a fallback and still succeeded. */
export function isRescued(e: { retries: number; fallback: boolean; status: EventStatus }): boolean {
  return (e.retries > 0 || e.fallback) && e.status === "success";
}
