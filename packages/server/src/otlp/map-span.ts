import {
  type ErrorType,
  errorTypeFromHttpStatus,
  errorTypeFromName,
  GEN_AI,
  GEN_AI_REQUEST_OPERATIONS,
  LIMITS,
  type LlmEventInput,
  OTEL_ATTR,
  providerFromGenAi,
} from "@promptmeter/schema";
import type { Attributes, AttributeValue, DecodedSpan } from "./decode.js";

export type SpanOutcome = { kind: "event"; event: LlmEventInput } | { kind: "ignored" } | { kind: "rejected"; message: string };

function text(attrs: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = attrs.get(key);
    if (typeof v === "string" && v !== "") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
  }
  return undefined;
}

function count(attrs: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v: AttributeValue | undefined = attrs.get(key);
    const n = typeof v === "string" ? Number(v) : v;
    if (typeof n === "number" && Number.isInteger(n) && n >= 0) return n;
  }
  return undefined;
}

function isGenAi(attrs: Attributes): boolean {
  for (const key of attrs.keys()) if (key.startsWith("gen_ai.")) return true;
  return false;
}

function usageOf(a: Attributes): NonNullable<LlmEventInput["usage"]> {
  let inputTokens = count(a, GEN_AI.inputTokens, GEN_AI.promptTokens) ?? 0;
  let outputTokens = count(a, GEN_AI.outputTokens, GEN_AI.completionTokens) ?? 0;
  const cacheReadTokens = count(a, GEN_AI.cacheReadInputTokens, GEN_AI.cacheReadInputTokensLegacy) ?? 0;
  const cacheWriteTokens = count(a, GEN_AI.cacheCreationInputTokens, GEN_AI.cacheCreationInputTokensLegacy) ?? 0;
  const reasoningTokens = count(a, GEN_AI.reasoningOutputTokens, GEN_AI.reasoningTokensLegacy) ?? 0;
  // Some instrumentations copy Anthropic's input_tokens, which excludes cache tokens; SPEC counts them in.
  if (cacheReadTokens + cacheWriteTokens > inputTokens) inputTokens += cacheReadTokens + cacheWriteTokens;
  if (reasoningTokens > outputTokens) outputTokens += reasoningTokens;
  return { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens };
}

function exceptionOf(span: DecodedSpan): Attributes | undefined {
  return span.events.find((e) => e.name === "exception")?.attributes;
}

function errorOf(span: DecodedSpan, httpStatus: number | undefined): { errorType: ErrorType; errorMessage?: string } | undefined {
  const declared = text(span.attributes, OTEL_ATTR.errorType);
  if (span.statusCode !== 2 && declared === undefined) return undefined;
  const exception = exceptionOf(span);
  const exceptionType = exception && text(exception, OTEL_ATTR.exceptionType);
  const errorType =
    (declared !== undefined && declared !== "_OTHER" ? errorTypeFromName(declared) : undefined) ??
    (exceptionType ? errorTypeFromName(exceptionType) : undefined) ??
    (httpStatus !== undefined ? errorTypeFromHttpStatus(httpStatus) : undefined) ??
    "other";
  const message = span.statusMessage || (exception && text(exception, OTEL_ATTR.exceptionMessage));
  return message ? { errorType, errorMessage: message.slice(0, LIMITS.errorMessageLength) } : { errorType };
}

/**
 * One span → one event (SPEC.md §3) when it is a GenAI request span; other spans (HTTP,
 * database, agent and tool spans that wrap requests) are ignored.
 */
export function mapSpan(span: DecodedSpan): SpanOutcome {
  const a = span.attributes;
  if (!isGenAi(a)) return { kind: "ignored" };
  const operation = text(a, GEN_AI.operationName);
  if (operation !== undefined && !GEN_AI_REQUEST_OPERATIONS.has(operation)) return { kind: "ignored" };

  const providerName = text(a, GEN_AI.providerName, GEN_AI.system);
  if (!providerName) return { kind: "rejected", message: `${GEN_AI.providerName} (or ${GEN_AI.system}) is required` };
  const requestModel = text(a, GEN_AI.requestModel);
  const responseModel = text(a, GEN_AI.responseModel);
  const model = requestModel ?? responseModel;
  if (!model) return { kind: "rejected", message: `${GEN_AI.requestModel} (or ${GEN_AI.responseModel}) is required` };
  if (!/^[0-9a-f]{32}$/.test(span.traceId) || !/^[0-9a-f]{16}$/.test(span.spanId) || /^0+$/.test(span.spanId)) {
    return { kind: "rejected", message: "span has no valid traceId/spanId" };
  }

  const status = count(a, OTEL_ATTR.httpStatus);
  const httpStatus = status !== undefined && status >= 100 && status <= 599 ? status : undefined;
  const error = errorOf(span, httpStatus);
  const durationNs = span.endTimeUnixNano - span.startTimeUnixNano;
  const event: LlmEventInput = {
    // Derived from the span's identity so a re-exported span is a duplicate, never a second row.
    id: `${span.traceId}${span.spanId}`,
    timestamp: Number(span.startTimeUnixNano / 1_000_000n),
    provider: providerFromGenAi(providerName),
    model,
    status: error ? "error" : "success",
    usage: usageOf(a),
    latencyMs: durationNs > 0n ? Number(durationNs) / 1e6 : 0,
    traceId: span.traceId,
  };
  if (responseModel && responseModel !== model) event.responseModel = responseModel;
  if (error) Object.assign(event, error);
  if (httpStatus !== undefined) event.httpStatus = httpStatus;
  const userId = text(a, OTEL_ATTR.userId, OTEL_ATTR.endUserId) ?? text(span.resource, OTEL_ATTR.userId, OTEL_ATTR.endUserId);
  if (userId) event.userId = userId;
  const sessionId = text(a, OTEL_ATTR.sessionId, GEN_AI.conversationId) ?? text(span.resource, OTEL_ATTR.sessionId);
  if (sessionId) event.sessionId = sessionId;
  const environment = text(span.resource, OTEL_ATTR.environment, OTEL_ATTR.environmentLegacy);
  if (environment) event.environment = environment;
  const release = text(span.resource, OTEL_ATTR.serviceVersion);
  if (release) event.release = release;
  return { kind: "event", event };
}
