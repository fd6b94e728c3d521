import type { LlmEventInput } from "@promptmeter/schema";
import type { CompletionUsage } from "openai/resources/completions";
import type { ResponseUsage } from "openai/resources/responses/responses";

type Usage = NonNullable<LlmEventInput["usage"]>;

/** Chat Completions usage: prompt tokens include cached ones and completion tokens reasoning ones, as SPEC counts them. */
export function chatUsage(u: CompletionUsage | null | undefined): Usage | undefined {
  if (!u) return undefined;
  return {
    inputTokens: u.prompt_tokens,
    outputTokens: u.completion_tokens,
    cacheReadTokens: u.prompt_tokens_details?.cached_tokens ?? 0,
    reasoningTokens: u.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

/** Responses API usage, same meaning under other names. */
export function responsesUsage(u: ResponseUsage | null | undefined): Usage | undefined {
  if (!u) return undefined;
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheReadTokens: u.input_tokens_details?.cached_tokens ?? 0,
    reasoningTokens: u.output_tokens_details?.reasoning_tokens ?? 0,
  };
}
