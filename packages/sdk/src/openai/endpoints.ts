import { errorTypeFromName, LIMITS, type LlmEventInput } from "@promptmeter/schema";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from "openai/resources/chat/completions";
import type { Response as ApiResponse, ResponseCreateParams, ResponseStreamEvent } from "openai/resources/responses/responses";
import { chatUsage, responsesUsage } from "./usage.js";

export type Facts = Partial<LlmEventInput>;

/** What one streamed call has shown so far. */
export interface StreamState<Chunk> {
  /** performance.now() of the first chunk that carries output. */
  firstTokenAt: number | undefined;
  /** The model finished its answer (a finish reason or a completed response was seen). */
  finished: boolean;
  /** Records a chunk; false keeps it from the caller. */
  see(chunk: Chunk, now: number): boolean;
  facts(): Facts;
}

/** How one OpenAI endpoint's requests and answers become event fields. */
export interface Endpoint<Body, Result, Chunk> {
  /** The body to send, and whether a usage-only chunk we asked for must be hidden from the caller. */
  prepare(body: Body): { body: Body; hideUsageChunk: boolean };
  streamed(body: Body): boolean;
  fromResult(result: Result): Facts;
  stream(hideUsageChunk: boolean): StreamState<Chunk>;
  input(body: Body): LlmEventInput["input"];
}

export const chatEndpoint: Endpoint<ChatCompletionCreateParams, ChatCompletion, ChatCompletionChunk> = {
  prepare(body) {
    // Usage arrives on streams only when asked for; asking changes what the caller sees, so that chunk is hidden again.
    if (!body.stream || body.stream_options?.include_usage !== undefined) return { body, hideUsageChunk: false };
    return { body: { ...body, stream_options: { ...body.stream_options, include_usage: true } }, hideUsageChunk: true };
  },
  streamed: (body) => body.stream === true,
  fromResult(c) {
    const message = c.choices[0]?.message;
    return {
      status: "success",
      usage: chatUsage(c.usage),
      responseModel: c.model,
      output: message ? ([message] as unknown as LlmEventInput["output"]) : undefined,
    };
  },
  stream(hideUsageChunk) {
    let usage: ChatCompletionChunk["usage"];
    let model: string | undefined;
    let content = "";
    const state: StreamState<ChatCompletionChunk> = {
      firstTokenAt: undefined,
      finished: false,
      see(chunk, now) {
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (choice) {
          state.firstTokenAt ??= now;
          content += choice.delta?.content ?? "";
          if (choice.finish_reason) state.finished = true;
        }
        return !(hideUsageChunk && chunk.choices.length === 0 && chunk.usage);
      },
      facts: () => ({ status: "success", usage: chatUsage(usage), responseModel: model, output: [{ role: "assistant", content }] }),
    };
    return state;
  },
  input: (body) => body.messages as unknown as LlmEventInput["input"],
};

function responseFacts(r: ApiResponse): Facts {
  const facts: Facts = { usage: responsesUsage(r.usage), responseModel: r.model, output: r.output_text };
  if (r.status !== "failed") return { ...facts, status: "success" };
  return {
    ...facts,
    status: "error",
    errorType: errorTypeFromName(r.error?.code ?? ""),
    errorMessage: (r.error?.message ?? "response failed").slice(0, LIMITS.errorMessageLength),
  };
}

export const responsesEndpoint: Endpoint<ResponseCreateParams, ApiResponse, ResponseStreamEvent> = {
  prepare: (body) => ({ body, hideUsageChunk: false }),
  streamed: (body) => body.stream === true,
  fromResult: responseFacts,
  stream() {
    let final: ApiResponse | undefined;
    let failure: { code?: string | null; message?: string } | undefined;
    let content = "";
    const state: StreamState<ResponseStreamEvent> = {
      firstTokenAt: undefined,
      finished: false,
      see(event, now) {
        if (event.type.endsWith(".delta")) state.firstTokenAt ??= now;
        if (event.type === "response.output_text.delta") content += event.delta;
        if (event.type === "response.completed" || event.type === "response.incomplete" || event.type === "response.failed") {
          final = event.response;
          state.finished = true;
        }
        if (event.type === "error") failure = event;
        return true;
      },
      facts() {
        const facts: Facts = final ? { ...responseFacts(final), output: content } : { status: "success", output: content };
        if (!failure) return facts;
        return {
          ...facts,
          status: "error",
          errorType: errorTypeFromName(failure.code ?? ""),
          errorMessage: (failure.message ?? "stream error").slice(0, LIMITS.errorMessageLength),
        };
      },
    };
    return state;
  },
  input(body) {
    const items = typeof body.input === "string" ? [{ role: "user", content: body.input }] : (body.input ?? []);
    const messages = (items as { role?: unknown; content?: unknown }[])
      .filter((m) => typeof m.role === "string")
      .map((m) => ({ role: m.role as string, content: m.content as string }));
    return body.instructions ? [{ role: "system", content: body.instructions }, ...messages] : messages;
  },
};
