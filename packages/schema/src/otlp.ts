import type { ErrorType } from "./event.js";

/**
 * OpenTelemetry GenAI semantic-convention attribute names that `/v1/traces` reads, current
 * names first and the older names instrumentations still emit after them.
 */
export const GEN_AI = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  /** Older name of `gen_ai.provider.name`. */
  system: "gen_ai.system",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  conversationId: "gen_ai.conversation.id",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  /** Older name of `gen_ai.usage.input_tokens`. */
  promptTokens: "gen_ai.usage.prompt_tokens",
  /** Older name of `gen_ai.usage.output_tokens`. */
  completionTokens: "gen_ai.usage.completion_tokens",
  cacheReadInputTokens: "gen_ai.usage.cache_read.input_tokens",
  cacheCreationInputTokens: "gen_ai.usage.cache_creation.input_tokens",
  /** Pre-standard spellings some instrumentations (OpenLLMetry) still send. */
  cacheReadInputTokensLegacy: "gen_ai.usage.cache_read_input_tokens",
  cacheCreationInputTokensLegacy: "gen_ai.usage.cache_creation_input_tokens",
  reasoningOutputTokens: "gen_ai.usage.reasoning.output_tokens",
  reasoningTokensLegacy: "gen_ai.usage.reasoning_tokens",
} as const;

/** General semantic-convention attributes that fill the rest of an event. */
export const OTEL_ATTR = {
  errorType: "error.type",
  httpStatus: "http.response.status_code",
  userId: "user.id",
  /** Deprecated predecessor of `user.id`. */
  endUserId: "enduser.id",
  sessionId: "session.id",
  environment: "deployment.environment.name",
  /** Deprecated predecessor of `deployment.environment.name`. */
  environmentLegacy: "deployment.environment",
  serviceVersion: "service.version",
  exceptionMessage: "exception.message",
  exceptionType: "exception.type",
} as const;

/** `gen_ai.operation.name` values that are one LLM request; agent and tool spans wrap requests and are not. */
export const GEN_AI_REQUEST_OPERATIONS: ReadonlySet<string> = new Set(["chat", "text_completion", "generate_content", "embeddings"]);

/** Semantic-convention provider names → the provider names of SPEC.md §1 (and the price table). */
const PROVIDER_NAMES: Record<string, string> = {
  "aws.bedrock": "bedrock",
  "azure.ai.openai": "azure",
  "azure.ai.inference": "azure",
  "az.ai.openai": "azure",
  "az.ai.inference": "azure",
  "gcp.gemini": "google",
  "gcp.gen_ai": "google",
  "gcp.vertex_ai": "google",
  vertex_ai: "google",
  gemini: "google",
  mistral_ai: "mistral",
  x_ai: "xai",
};

/** Our provider name for a `gen_ai.provider.name` / `gen_ai.system` value. */
export function providerFromGenAi(name: string): string {
  const lower = name.trim().toLowerCase();
  return PROVIDER_NAMES[lower] ?? lower;
}

/** The SPEC error type an HTTP status stands for, or undefined when the status is not an error. */
export function errorTypeFromHttpStatus(status: number): ErrorType | undefined {
  if (status < 400) return undefined;
  if (status === 429) return "rate_limit";
  if (status === 401 || status === 403) return "auth";
  if (status === 408 || status === 504) return "timeout";
  if (status === 499) return "cancelled";
  if (status >= 500) return "server_error";
  return "invalid_request";
}

/** Words in exception class names and `error.type` values, checked in order (most specific first). */
const ERROR_NAME_PATTERNS: readonly (readonly [RegExp, ErrorType])[] = [
  [/context.?length|context.?window|too.?many.?tokens|prompt.?too.?long/i, "context_length"],
  [/content.?filter|content.?policy|safety|moderation/i, "content_filter"],
  [/rate.?limit|too.?many.?requests|quota|throttl/i, "rate_limit"],
  [/time.?out|timed.?out|deadline/i, "timeout"],
  [/cancel|abort/i, "cancelled"],
  [/auth|permission|forbidden|api.?key/i, "auth"],
  [/connection|network|econn|enotfound|socket|dns/i, "network"],
  [/internal.?server|server.?error|service.?unavailable|overloaded|bad.?gateway|unavailable/i, "server_error"],
  [/bad.?request|invalid|unprocessable|not.?found|validation/i, "invalid_request"],
];

/**
 * The SPEC error type of an `error.type` value: an HTTP status code ("429"), an exception
 * class name ("openai.RateLimitError") or a semantic-convention word ("timeout").
 */
export function errorTypeFromName(value: string): ErrorType {
  const trimmed = value.trim();
  if (/^\d{3}$/.test(trimmed)) return errorTypeFromHttpStatus(Number(trimmed)) ?? "other";
  for (const [pattern, type] of ERROR_NAME_PATTERNS) if (pattern.test(trimmed)) return type;
  return "other";
}
