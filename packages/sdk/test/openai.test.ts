import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, type Logger } from "../src/index.js";
import { observeOpenAI, withFallback } from "../src/openai/index.js";
import { FakeOpenAI, reply } from "./fake-openai.js";
import { DIALECTS, dialectAvailable, freePort, type Running, startPromptmeter } from "./harness.js";

const CREATED = 1_750_000_000;

/** A non-streamed chat completion as the API returns it. */
const completion = (model: string, content: string, usage: object) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  created: CREATED,
  model,
  choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
  usage,
});

const USAGE = {
  prompt_tokens: 1250,
  completion_tokens: 310,
  total_tokens: 1560,
  prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 192, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};
const SMALL_USAGE = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 };

const chunk = (delta: object, finishReason: string | null = null) => ({
  id: "chatcmpl-s",
  object: "chat.completion.chunk",
  created: CREATED,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  usage: null,
});
const usageChunk = (usage: object) => ({ ...chunk({}), choices: [], usage });

/** Role chunk after 120 ms, "Hel", then "lo" 100 ms later, the finish chunk, and the usage chunk. */
const HELLO_STREAM = [
  { delayMs: 120, data: chunk({ role: "assistant", content: "" }) },
  { delayMs: 0, data: chunk({ content: "Hel" }) },
  { delayMs: 100, data: chunk({ content: "lo" }) },
  { delayMs: 0, data: chunk({}, "stop") },
  { delayMs: 0, data: usageChunk(SMALL_USAGE) },
];

const apiError = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  reply.error(
    status,
    { message, type: status === 429 ? "requests" : "invalid_request_error", code },
    { "retry-after-ms": "5", ...headers },
  );

const messages = [{ role: "user" as const, content: "Capital of France?" }];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`observeOpenAI with the real openai package on ${dialect}`, () => {
    let pm: Running;
    let fake: FakeOpenAI;
    let logger: Logger;

    beforeAll(async () => {
      pm = await startPromptmeter(dialect);
      fake = await FakeOpenAI.start();
      logger = createLogger({ url: pm.base, apiKey: pm.ingestKey, flushIntervalMs: 20 });
    });
    afterAll(async () => {
      await logger?.shutdown({ timeoutMs: 2000 });
      await fake?.close();
      await pm?.close();
    });

    const client = (options: ConstructorParameters<typeof OpenAI>[0] = {}) =>
      new OpenAI({ apiKey: "sk-test", baseURL: fake.baseURL, maxRetries: 2, ...options });

    /** The stored events of one test, told apart by `feature`. */
    async function rows(feature: string) {
      await logger.flush();
      return pm.t.store.db
        .selectFrom("events")
        .select([
          "id",
          "provider",
          "model",
          "response_model",
          "status",
          "error_type",
          "error_message",
          "http_status",
          "input_tokens",
          "output_tokens",
          "cache_read_tokens",
          "reasoning_tokens",
          "latency_ms",
          "ttft_ms",
          "streamed",
          "retries",
          "fallback",
          "fallback_from",
          "user_id",
          "session_id",
        ])
        .where("feature", "=", feature)
        .orderBy("model")
        .execute();
    }

    it("a completion: tokens with their cached and reasoning parts, the answering model, latency; the caller's API is intact", async () => {
      fake.script("gpt-4o-mini", reply.json(200, completion("gpt-4o-mini-2024-07-18", "Paris.", USAGE), {}, 40));
      const ai = observeOpenAI(client(), { logger, feature: "plain", userId: "u-1", sessionId: "s-1", captureContent: true });
      const { data, request_id } = await ai.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
      expect(data.choices[0]?.message.content).toBe("Paris.");
      expect(request_id).toBeNull();
      const [row, ...others] = await rows("plain");
      expect(others).toEqual([]);
      expect(row).toMatchObject({
        provider: "openai",
        model: "gpt-4o-mini",
        response_model: "gpt-4o-mini-2024-07-18",
        status: "success",
        error_type: null,
        input_tokens: 1250,
        output_tokens: 310,
        cache_read_tokens: 1024,
        reasoning_tokens: 192,
        ttft_ms: null,
        streamed: 0,
        retries: 0,
        fallback: 0,
        user_id: "u-1",
        session_id: "s-1",
      });
      expect(row!.latency_ms).toBeGreaterThanOrEqual(40);
      const payload = await pm.t.store.db
        .selectFrom("event_payloads")
        .select(["input", "output"])
        .where("event_id", "=", row!.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(payload.input!)).toEqual(messages);
      expect(JSON.parse(payload.output!)).toEqual([{ role: "assistant", content: "Paris.", refusal: null }]);
      // The marker that ties HTTP attempts to a call never reaches the provider.
      expect(fake.seen.at(-1)?.headers["x-promptmeter-call"]).toBeUndefined();
    });

    it("a stream: TTFT at the first chunk, usage from the final chunk (asked for, then hidden from the caller)", async () => {
      fake.script("gpt-4o-mini-stream", reply.sse(HELLO_STREAM));
      const ai = observeOpenAI(client(), { logger, feature: "stream" });
      const stream = await ai.chat.completions.create({ model: "gpt-4o-mini-stream", messages, stream: true });
      let text = "";
      let chunks = 0;
      for await (const c of stream) {
        chunks += 1;
        expect(c.choices).toHaveLength(1);
        text += c.choices[0]?.delta.content ?? "";
      }
      expect(text).toBe("Hello");
      expect(chunks).toBe(4);
      expect(fake.seen.at(-1)?.body.stream_options).toEqual({ include_usage: true });
      const [row] = await rows("stream");
      expect(row).toMatchObject({
        status: "success",
        streamed: 1,
        input_tokens: 42,
        output_tokens: 7,
        response_model: "gpt-4o-mini-2024-07-18",
      });
      expect(row!.ttft_ms).toBeGreaterThanOrEqual(120);
      // "lo" was sent 100 ms after the first chunk, so the whole request outlasts TTFT by about that much
      // (less only if this process's event loop stalls between reading the two).
      expect(row!.latency_ms - row!.ttft_ms!).toBeGreaterThanOrEqual(60);
    });

    it("429 then success: one success event with retries = 1; the SDK's own backoff honoured the server", async () => {
      fake.script(
        "gpt-4o-mini-rl",
        apiError(429, "rate_limit_exceeded", "Rate limit reached for requests"),
        reply.json(200, completion("gpt-4o-mini-2024-07-18", "ok", SMALL_USAGE)),
      );
      const ai = observeOpenAI(client(), { logger, feature: "rate-limited" });
      await ai.chat.completions.create({ model: "gpt-4o-mini-rl", messages });
      const attempts = fake.seen.filter((s) => s.body.model === "gpt-4o-mini-rl");
      expect(attempts.map((s) => s.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
      expect(await rows("rate-limited")).toMatchObject([{ status: "success", retries: 1, error_type: null, input_tokens: 42 }]);
    });

    it("500s until the SDK gives up: one server_error event with retries = 2, and the caller still gets the error", async () => {
      const failure = () => apiError(500, "server_error", "The server had an error while processing your request.");
      fake.script("gpt-4o-mini-down", failure(), failure(), failure());
      const ai = observeOpenAI(client(), { logger, feature: "server-down" });
      const error = await ai.chat.completions.create({ model: "gpt-4o-mini-down", messages }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect(await rows("server-down")).toMatchObject([
        {
          status: "error",
          error_type: "server_error",
          http_status: 500,
          retries: 2,
          error_message: "500 The server had an error while processing your request.",
          input_tokens: 0,
        },
      ]);
    });

    it("concurrent calls each count only their own retries", async () => {
      fake.script(
        "model-a",
        apiError(429, "rate_limit_exceeded", "slow"),
        apiError(503, "overloaded", "busy"),
        reply.json(200, completion("model-a", "a", SMALL_USAGE)),
      );
      fake.script("model-b", reply.json(200, completion("model-b", "b", SMALL_USAGE), {}, 30));
      const ai = observeOpenAI(client(), { logger, feature: "concurrent" });
      await Promise.all([
        ai.chat.completions.create({ model: "model-a", messages }),
        ai.chat.completions.create({ model: "model-b", messages }),
      ]);
      expect(await rows("concurrent")).toMatchObject([
        { model: "model-a", retries: 2, status: "success" },
        { model: "model-b", retries: 0, status: "success" },
      ]);
    });

    it("maps failures to SPEC error types: context length, auth, network, timeout, cancelled", async () => {
      fake.script("ctx", apiError(400, "context_length_exceeded", "This model's maximum context length is 128000 tokens."));
      fake.script("auth", apiError(401, "invalid_api_key", "Incorrect API key provided."));
      fake.script("slow", reply.hang(2000));
      fake.script("abort", reply.hang(2000));
      const ai = observeOpenAI(client(), { logger, feature: "errors" });
      const offline = observeOpenAI(client({ baseURL: `http://127.0.0.1:${await freePort()}/v1`, maxRetries: 1 }), {
        logger,
        feature: "errors",
      });
      const impatient = observeOpenAI(client({ timeout: 100, maxRetries: 0 }), { logger, feature: "errors" });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const outcomes = await Promise.allSettled([
        ai.chat.completions.create({ model: "ctx", messages }),
        ai.chat.completions.create({ model: "auth", messages }),
        offline.chat.completions.create({ model: "offline", messages }),
        impatient.chat.completions.create({ model: "slow", messages }),
        ai.chat.completions.create({ model: "abort", messages }, { signal: controller.signal }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected", "rejected", "rejected"]);
      const byModel = Object.fromEntries((await rows("errors")).map((r) => [r.model, [r.status, r.error_type, r.http_status, r.retries]]));
      expect(byModel).toEqual({
        ctx: ["error", "context_length", 400, 0],
        auth: ["error", "auth", 401, 0],
        offline: ["error", "network", null, 1],
        slow: ["error", "timeout", null, 0],
        abort: ["error", "cancelled", null, 0],
      });
    });

    it("withFallback: the primary fails through its retries, the fallback answers; one event records it all", async () => {
      const busy = () => apiError(503, "overloaded", "The engine is currently overloaded.");
      fake.script("gpt-4o", busy(), busy());
      fake.script("gpt-4o-mini", reply.json(200, completion("gpt-4o-mini-2024-07-18", "fallback answer", USAGE)));
      const ai = observeOpenAI(client({ maxRetries: 1 }), { logger, feature: "fallback" });
      const answer = await withFallback(["gpt-4o", "gpt-4o-mini"], (model) => ai.chat.completions.create({ model, messages }));
      expect(answer.choices[0]?.message.content).toBe("fallback answer");
      expect(fake.seen.slice(-3).map((s) => s.body.model)).toEqual(["gpt-4o", "gpt-4o", "gpt-4o-mini"]);
      expect(await rows("fallback")).toMatchObject([
        { model: "gpt-4o-mini", status: "success", fallback: 1, fallback_from: "gpt-4o", retries: 1, input_tokens: 1250, error_type: null },
      ]);
    });

    it("withFallback into a stream, and a fallback that fails too", async () => {
      fake.script("primary-s", apiError(503, "overloaded", "busy"));
      fake.script("backup-s", reply.sse(HELLO_STREAM));
      const ai = observeOpenAI(client({ maxRetries: 0 }), { logger, feature: "fallback-stream" });
      const stream = await withFallback(["primary-s", "backup-s"], (model) =>
        ai.chat.completions.create({ model, messages, stream: true }),
      );
      let text = "";
      for await (const c of stream) text += c.choices[0]?.delta.content ?? "";
      expect(text).toBe("Hello");
      const [streamed] = await rows("fallback-stream");
      expect(streamed).toMatchObject({
        model: "backup-s",
        fallback: 1,
        fallback_from: "primary-s",
        streamed: 1,
        retries: 0,
        output_tokens: 7,
      });
      expect(streamed!.ttft_ms).toBeGreaterThanOrEqual(120);

      fake.script("primary-f", apiError(503, "overloaded", "busy"));
      fake.script("backup-f", apiError(500, "server_error", "also down"));
      const failing = observeOpenAI(client({ maxRetries: 0 }), { logger, feature: "fallback-fail" });
      await expect(
        withFallback(["primary-f", "backup-f"], (model) => failing.chat.completions.create({ model, messages })),
      ).rejects.toThrow(/also down/);
      expect(await rows("fallback-fail")).toMatchObject([
        { model: "backup-f", status: "error", error_type: "server_error", http_status: 500, fallback: 1, fallback_from: "primary-f" },
      ]);
    });

    it("a stream the caller abandons is cancelled; one it leaves after the finish reason is a success", async () => {
      fake.script("left", reply.sse(HELLO_STREAM));
      fake.script("done-early", reply.sse(HELLO_STREAM));
      const ai = observeOpenAI(client(), { logger, feature: "abandoned" });
      for await (const c of await ai.chat.completions.create({ model: "left", messages, stream: true })) {
        if (c.choices[0]?.delta.content === "Hel") break;
      }
      for await (const c of await ai.chat.completions.create({ model: "done-early", messages, stream: true })) {
        if (c.choices[0]?.finish_reason) break;
      }
      expect(await rows("abandoned")).toMatchObject([
        { model: "done-early", status: "success", error_type: null, streamed: 1 },
        { model: "left", status: "error", error_type: "cancelled", streamed: 1 },
      ]);
    });

    it("the Responses API, plain and streamed", async () => {
      const response = (status: string) => ({
        id: "resp_1",
        object: "response",
        created_at: CREATED,
        status,
        model: "gpt-4.1-mini-2025-04-14",
        output: [
          {
            type: "message",
            id: "msg_1",
            status: "completed",
            role: "assistant",
            content: [{ type: "output_text", text: "Four.", annotations: [] }],
          },
        ],
        usage: {
          input_tokens: 300,
          input_tokens_details: { cached_tokens: 128 },
          output_tokens: 60,
          output_tokens_details: { reasoning_tokens: 20 },
          total_tokens: 360,
        },
        error: null,
      });
      fake.script("gpt-4.1-mini", reply.json(200, response("completed")));
      fake.script(
        "gpt-4.1-mini-s",
        reply.sse(
          [
            {
              delayMs: 0,
              event: "response.created",
              data: { type: "response.created", sequence_number: 0, response: { ...response("in_progress"), usage: null } },
            },
            {
              delayMs: 80,
              event: "response.output_text.delta",
              data: { type: "response.output_text.delta", sequence_number: 1, delta: "Fo" },
            },
            {
              delayMs: 0,
              event: "response.output_text.delta",
              data: { type: "response.output_text.delta", sequence_number: 2, delta: "ur." },
            },
            {
              delayMs: 0,
              event: "response.completed",
              data: { type: "response.completed", sequence_number: 3, response: response("completed") },
            },
          ],
          false,
        ),
      );
      const ai = observeOpenAI(client(), { logger, feature: "responses", captureContent: true });
      const plain = await ai.responses.create({ model: "gpt-4.1-mini", input: "2+2?" });
      expect(plain.output_text).toBe("Four.");
      let text = "";
      for await (const e of await ai.responses.create({ model: "gpt-4.1-mini-s", input: "2+2?", stream: true })) {
        if (e.type === "response.output_text.delta") text += e.delta;
      }
      expect(text).toBe("Four.");
      const found = await rows("responses");
      const tokens = {
        input_tokens: 300,
        output_tokens: 60,
        cache_read_tokens: 128,
        reasoning_tokens: 20,
        response_model: "gpt-4.1-mini-2025-04-14",
      };
      expect(found).toMatchObject([
        { model: "gpt-4.1-mini", status: "success", streamed: 0, ttft_ms: null, ...tokens },
        { model: "gpt-4.1-mini-s", status: "success", streamed: 1, ...tokens },
      ]);
      expect(found[1]!.ttft_ms).toBeGreaterThanOrEqual(80);
      const payloads = await pm.t.store.db
        .selectFrom("event_payloads")
        .select(["input", "output"])
        .where(
          "event_id",
          "in",
          found.map((r) => r.id),
        )
        .execute();
      expect(payloads.map((p) => [JSON.parse(p.input!), JSON.parse(p.output!)])).toEqual([
        [[{ role: "user", content: "2+2?" }], "Four."],
        [[{ role: "user", content: "2+2?" }], "Four."],
      ]);
    });
  });
}
