import { LIMITS, type LlmEventInput, utf8Length } from "@promptmeter/schema";
import type OpenAI from "openai";
import type { Logger } from "../create-logger.js";
import { countingFetch, type Fetch, withCallHeader } from "./counting-fetch.js";
import { chatEndpoint, type Endpoint, type Facts, responsesEndpoint } from "./endpoints.js";
import { errorFacts } from "./error-facts.js";
import { observeStream, type StreamEnd } from "./observe-stream.js";
import { currentAttempt } from "./with-fallback.js";

export interface ObserveOpenAIOptions {
  /** Where events go: a logger from `createLogger` (or anything with its `log`). */
  logger: Pick<Logger, "log">;
  userId?: string;
  sessionId?: string;
  /** The kind of query (route, prompt template, use case) these calls serve. */
  feature?: string;
  traceId?: string;
  environment?: string;
  release?: string;
  tags?: string[];
  metadata?: Record<string, string | number | boolean>;
  /** Provider stored with each event (default `openai`; say `azure` for AzureOpenAI, or the gateway's provider). */
  provider?: string;
  /** Also store prompts and completions as the event's `input`/`output` (default false: payloads may hold personal data). */
  captureContent?: boolean;
}

interface Observer {
  options: ObserveOpenAIOptions;
  /** HTTP attempts per call in progress, counted by the client's fetch. */
  attempts: Map<string, number>;
  calls: number;
}

type AnyCreate = (body: any, options?: any) => any;

/** A payload the server will take, or nothing: one oversized payload must not cost the whole event. */
function payload(value: unknown): LlmEventInput["input"] {
  if (value === undefined || value === null) return undefined;
  try {
    return utf8Length(JSON.stringify(value)) <= LIMITS.payloadBytes ? (value as LlmEventInput["input"]) : undefined;
  } catch {
    return undefined;
  }
}

function contextOf(o: ObserveOpenAIOptions): Partial<LlmEventInput> {
  const { userId, sessionId, feature, traceId, environment, release, tags, metadata } = o;
  return { userId, sessionId, feature, traceId, environment, release, tags, metadata };
}

function aborted(stream: unknown): boolean {
  return (stream as { controller?: AbortController } | null)?.controller?.signal.aborted === true;
}

function endFacts<C>(end: StreamEnd, state: ReturnType<Endpoint<unknown, unknown, C>["stream"]>): Facts {
  if (end.outcome === "done") return state.facts();
  if (end.outcome === "error") return { ...state.facts(), status: "error", ...errorFacts(end.error) };
  // Stopping after the answer was complete (e.g. on finish_reason) is not a cancellation.
  if (state.finished) return state.facts();
  return { ...state.facts(), status: "error", errorType: "cancelled", errorMessage: "the caller stopped reading the stream" };
}

function observeCreate<B extends { model?: unknown }, R, C>(create: AnyCreate, endpoint: Endpoint<B, R, C>, observer: Observer): AnyCreate {
  return (body: B, requestOptions?: { headers?: unknown }) => {
    const attempt = currentAttempt();
    const startedAt = performance.now();
    const timestamp = Date.now();
    const call = String(++observer.calls);
    const { body: sent, hideUsageChunk } = endpoint.prepare(body);
    observer.attempts.set(call, 0);
    let promise: PromiseLike<unknown>;
    try {
      promise = create(sent, withCallHeader(requestOptions, call));
    } catch (error) {
      observer.attempts.delete(call);
      throw error;
    }

    const finish = (facts: Facts, firstTokenAt?: number) => {
      const endedAt = performance.now();
      const retries = Math.max(0, (observer.attempts.get(call) ?? 1) - 1);
      observer.attempts.delete(call);
      const { options } = observer;
      const model = typeof body.model === "string" && body.model !== "" ? body.model : (facts.responseModel ?? "unknown");
      const event: LlmEventInput = {
        ...contextOf(options),
        provider: options.provider ?? "openai",
        model,
        status: "success",
        timestamp,
        latencyMs: endedAt - startedAt,
        retries: Math.min(100, retries),
        ...facts,
      };
      if (event.responseModel === model) delete event.responseModel;
      if (endpoint.streamed(sent)) event.streamed = true;
      if (firstTokenAt !== undefined) event.ttftMs = firstTokenAt - startedAt;
      if (options.captureContent) {
        event.input = payload(endpoint.input(sent));
        event.output = payload(event.output);
      } else {
        delete event.output;
      }
      const emit = (e: LlmEventInput) => {
        try {
          options.logger.log(e);
        } catch {
          // A hand-made logger that throws must not break the caller either.
        }
      };
      if (attempt) attempt.report({ event, startedAt, endedAt, emit });
      else emit(event);
    };

    // Registered before the caller can await, so a stream is observed before anyone reads it.
    promise.then(
      (result) => {
        try {
          if (!endpoint.streamed(sent)) return finish(endpoint.fromResult(result as R));
          const state = endpoint.stream(hideUsageChunk);
          const attached = observeStream<C>(result, {
            onChunk: (chunk) => state.see(chunk, performance.now()),
            // stream.controller.abort() ends the SDK's iterator quietly; it is still the caller cancelling.
            onEnd: (end) =>
              finish(endFacts(end.outcome === "done" && aborted(result) ? { outcome: "cancelled" } : end, state), state.firstTokenAt),
          });
          if (!attached) finish({ status: "success" });
        } catch {
          // Observation must never surface in the caller's request; only forget the call.
          observer.attempts.delete(call);
        }
      },
      (error: unknown) => finish({ status: "error", ...errorFacts(error) }),
    );
    return promise;
  };
}

/**
 * Returns a copy of an OpenAI client whose `chat.completions.create` and `responses.create`
 * log one event per call (tokens, latency, TTFT for streams, errors, the SDK's own retries).
 * The client passed in is left untouched. Cheap enough to call per request with that
 * request's `userId`/`sessionId`.
 */
export function observeOpenAI<C extends OpenAI>(client: C, options: ObserveOpenAIOptions): C {
  const observer: Observer = { options, attempts: new Map(), calls: 0 };
  // `fetch` is the client's own (a custom one, or the global); the copy counts attempts through it.
  const inner = (client as unknown as { fetch: Fetch }).fetch;
  const observed = client.withOptions({ fetch: countingFetch(inner, observer.attempts) as never }) as C;
  const completions = observed.chat.completions;
  completions.create = observeCreate(completions.create.bind(completions), chatEndpoint, observer) as typeof completions.create;
  const responses = observed.responses;
  responses.create = observeCreate(responses.create.bind(responses), responsesEndpoint, observer) as typeof responses.create;
  return observed;
}
