import { z } from "zod";
import { utf8Length } from "./byte-length.js";
import { LIMITS } from "./limits.js";
import { eventTimestamp } from "./timestamp.js";

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const count = z.number().int("must be an integer").min(0, "must be ≥ 0").max(Number.MAX_SAFE_INTEGER);
const nonNegative = z.number().finite().min(0, "must be ≥ 0");

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
/** Flat key → string/number/boolean map, ≤ 64 keys and ≤ 8 KB serialized. */
export const Metadata = z.record(z.string().max(LIMITS.tagLength * 2), metadataValue).check((ctx) => {
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

/** One chat message as the common SDKs send it; content may be text or an array of parts. */
export const ChatMessage = z.looseObject({
  role: z.string().max(64),
  content: z.union([z.string(), z.array(z.unknown()), z.null()]).optional(),
});
/** A prompt or completion: plain text or a chat-messages array. */
export const Payload = z.union([z.string(), z.array(ChatMessage)]);
export type Payload = z.infer<typeof Payload>;

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
    if (payloadBytes(ctx.value) > maxPayload) {
      ctx.issues.push({ code: "custom", input: ctx.value, message: `must be at most ${maxPayload} bytes` });
    }
  });
  return z
    .object({
      id: z.string().min(1, "must not be empty").max(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`).optional(),
      timestamp: eventTimestamp.optional(),
      provider: text(LIMITS.providerLength).min(1, "is required"),
      model: text(LIMITS.modelLength).min(1, "is required"),
      responseModel: text(LIMITS.modelLength).optional(),
      status: EventStatus,
      errorType: ErrorType.optional(),
      errorMessage: text(LIMITS.errorMessageLength).optional(),
      httpStatus: z.number().int("must be an integer").min(100, "must be ≥ 100").max(599, "must be ≤ 599").optional(),
      usage: Usage.optional(),
      costUsd: nonNegative.optional(),
      latencyMs: nonNegative,
      ttftMs: nonNegative.optional(),
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
