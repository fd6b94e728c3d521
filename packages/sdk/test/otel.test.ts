import { type Span, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable, type Running, startPromptmeter } from "./harness.js";

interface Exchange {
  status: number;
  contentType: string | null;
  contentEncoding: string | null;
  requestType: string | null;
  body: Uint8Array;
}

const resource = resourceFromAttributes({
  "service.name": "chat-api",
  "service.version": "1.4.2",
  "deployment.environment.name": "staging",
});

/** What an app instrumented for GenAI emits: two model calls (current and older attribute names), an HTTP span, and a GenAI span we cannot use. */
function emitSpans(provider: BasicTracerProvider): { chat: Span; legacy: Span } {
  const tracer = provider.getTracer("genai-app", "1.0.0");
  const chat = tracer.startSpan("chat gpt-4o", {
    kind: SpanKind.CLIENT,
    startTime: [1_750_000_000, 123_456_789],
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.usage.input_tokens": 1200,
      "gen_ai.usage.output_tokens": 300,
      "gen_ai.usage.cache_read.input_tokens": 1000,
      "gen_ai.usage.reasoning.output_tokens": 120,
      "gen_ai.conversation.id": "conv-7",
      "user.id": "u-42",
    },
  });
  chat.setStatus({ code: SpanStatusCode.OK });
  chat.end([1_750_000_001, 358_456_789]);

  const legacy = tracer.startSpan("anthropic.chat", {
    kind: SpanKind.CLIENT,
    startTime: [1_750_000_100, 0],
    attributes: {
      "gen_ai.system": "anthropic",
      "gen_ai.request.model": "claude-3-5-haiku-20241022",
      "gen_ai.usage.prompt_tokens": 500,
      "gen_ai.usage.completion_tokens": 80,
      "gen_ai.usage.cache_creation.input_tokens": 200,
      "session.id": "s-1",
    },
  });
  legacy.recordException({ name: "RateLimitError", message: "Rate limit reached" });
  legacy.setStatus({ code: SpanStatusCode.ERROR });
  legacy.end([1_750_000_100, 250_000_000]);

  tracer
    .startSpan("GET /users", { startTime: [1_750_000_200, 0], attributes: { "http.request.method": "GET" } })
    .end([1_750_000_200, 5_000_000]);
  tracer
    .startSpan("chat (no provider)", {
      startTime: [1_750_000_300, 0],
      attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o" },
    })
    .end([1_750_000_301, 0]);
  return { chat, legacy };
}

/** The two rows, written out by hand from the span attributes and times above. */
function expectedRows(chat: Span, legacy: Span) {
  const a = chat.spanContext();
  const b = legacy.spanContext();
  return [
    {
      id: `${a.traceId}${a.spanId}`,
      ts: 1_750_000_000_123,
      provider: "openai",
      model: "gpt-4o",
      response_model: "gpt-4o-2024-08-06",
      status: "success",
      error_type: null,
      error_message: null,
      input_tokens: 1200,
      output_tokens: 300,
      cache_read_tokens: 1000,
      cache_write_tokens: 0,
      reasoning_tokens: 120,
      latency_ms: 1235,
      user_id: "u-42",
      session_id: "conv-7",
      trace_id: a.traceId,
      environment: "staging",
      release: "1.4.2",
    },
    {
      id: `${b.traceId}${b.spanId}`,
      ts: 1_750_000_100_000,
      provider: "anthropic",
      model: "claude-3-5-haiku-20241022",
      response_model: null,
      status: "error",
      error_type: "rate_limit",
      error_message: "Rate limit reached",
      input_tokens: 500,
      output_tokens: 80,
      cache_read_tokens: 0,
      cache_write_tokens: 200,
      reasoning_tokens: 0,
      latency_ms: 250,
      user_id: null,
      session_id: "s-1",
      trace_id: b.traceId,
      environment: "staging",
      release: "1.4.2",
    },
  ];
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`OpenTelemetry JS SDK exporting to /v1/traces on ${dialect}`, () => {
    let pm: Running | undefined;
    let provider: BasicTracerProvider | undefined;
    afterEach(async () => {
      await provider?.shutdown();
      await pm?.close();
      provider = undefined;
      pm = undefined;
    });

    /** A server that also keeps every /v1/traces exchange, to check the OTLP answers. */
    async function start(): Promise<{ pm: Running; exchanges: Exchange[] }> {
      const running = await startPromptmeter(dialect);
      const exchanges: Exchange[] = [];
      await running.serve(0, (handler) => async (request) => {
        const requestType = request.headers.get("content-type");
        const contentEncoding = request.headers.get("content-encoding");
        const response = await handler(request);
        if (new URL(request.url).pathname !== "/v1/traces") return response;
        const body = new Uint8Array(await response.clone().arrayBuffer());
        exchanges.push({ status: response.status, contentType: response.headers.get("content-type"), contentEncoding, requestType, body });
        return response;
      });
      pm = running;
      return { pm: running, exchanges };
    }

    const rows = (p: Running) =>
      p.t.store.db
        .selectFrom("events")
        .select([
          "id",
          "ts",
          "provider",
          "model",
          "response_model",
          "status",
          "error_type",
          "error_message",
          "input_tokens",
          "output_tokens",
          "cache_read_tokens",
          "cache_write_tokens",
          "reasoning_tokens",
          "latency_ms",
          "user_id",
          "session_id",
          "trace_id",
          "environment",
          "release",
        ])
        .where("project_id", "=", p.projectId)
        .orderBy("ts")
        .execute();

    it("OTLP/JSON exporter (SimpleSpanProcessor): GenAI spans stored, the HTTP span ignored, the unusable span rejected", async () => {
      const { pm, exchanges } = await start();
      const exporter = new JsonExporter({ url: `${pm.base}/v1/traces`, headers: { Authorization: `Bearer ${pm.ingestKey}` } });
      provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const { chat, legacy } = emitSpans(provider);
      await provider.forceFlush();

      expect(await rows(pm)).toEqual(expectedRows(chat, legacy));
      expect(exchanges.length).toBeGreaterThan(0);
      for (const x of exchanges) {
        expect(x).toMatchObject({ status: 200, requestType: "application/json", contentType: "application/json" });
      }
      const answers = exchanges.map((x) => JSON.parse(new TextDecoder().decode(x.body)));
      const rejected = answers.reduce((sum, a) => sum + Number(a.partialSuccess?.rejectedSpans ?? 0), 0);
      expect(rejected).toBe(1);
      expect(answers.map((a) => a.partialSuccess?.errorMessage ?? "").join(" ")).toMatch(
        /1 span\(s\) without gen_ai request attributes ignored/,
      );
    });

    it("OTLP/protobuf exporter, gzip, BatchSpanProcessor: same rows; re-exporting the same spans adds none", async () => {
      const { pm, exchanges } = await start();
      const exporter = new ProtoExporter({
        url: `${pm.base}/v1/traces`,
        headers: { Authorization: `Bearer ${pm.ingestKey}` },
        compression: "gzip" as never,
      });
      const memory = new InMemorySpanExporter();
      provider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter), new SimpleSpanProcessor(memory)] });
      const { chat, legacy } = emitSpans(provider);
      await provider.forceFlush();
      const expected = expectedRows(chat, legacy);
      expect(await rows(pm)).toEqual(expected);
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]).toMatchObject({
        status: 200,
        requestType: "application/x-protobuf",
        contentType: "application/x-protobuf",
        contentEncoding: "gzip",
      });

      const spans = memory.getFinishedSpans();
      expect(spans).toHaveLength(4);
      const code = await new Promise<number>((resolve) => (exporter as SpanExporter).export(spans, (result) => resolve(result.code)));
      expect(code).toBe(0);
      expect(exchanges).toHaveLength(2);
      expect(await rows(pm)).toEqual(expected);
    });

    it("a wrong key is refused with 401 and nothing is stored", async () => {
      const { pm, exchanges } = await start();
      const exporter = new JsonExporter({
        url: `${pm.base}/v1/traces`,
        headers: { Authorization: "Bearer pm_ingest_notavalidkeynotavalidkey" },
      });
      provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] });
      emitSpans(provider);
      // The exporter reports the refusal as a failed export; 401 is not retryable in OTLP, so it is not retried.
      const failure = await provider.forceFlush().then(
        () => "flushed",
        () => "export failed",
      );
      expect(failure).toBe("export failed");
      expect(exchanges.map((x) => x.status)).toEqual([401, 401, 401, 401]);
      expect(JSON.parse(new TextDecoder().decode(exchanges[0]!.body)).message).toMatch(/API key/);
      expect(await rows(pm)).toEqual([]);
    });
  });
}
