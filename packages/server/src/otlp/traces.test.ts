import type { Server } from "node:http";
import { gzipSync } from "node:zlib";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "../../test/dialects.js";
import { createKey } from "../auth/api-keys.js";
import { ensureProject } from "../auth/projects.js";
import { createPromptmeter } from "../create-promptmeter.js";
import { createNodeServer, listen } from "../http/node-server.js";

type Spans = Parameters<typeof ProtobufTraceSerializer.serializeRequest>[0];
type HrTime = [number, number];

const resource = { attributes: { "service.name": "chat-api", "service.version": "1.4.2", "deployment.environment.name": "staging" } };
const scope = { name: "test-instrumentation" };

/** The fields of an SDK ReadableSpan that the official OTLP serializers read. */
function span(o: {
  traceId: string;
  spanId: string;
  name: string;
  start: HrTime;
  end: HrTime;
  attributes: Record<string, string | number | boolean>;
  status?: { code: number; message?: string };
  events?: { name: string; attributes: Record<string, string> }[];
}) {
  return {
    name: o.name,
    kind: 2,
    spanContext: () => ({ traceId: o.traceId, spanId: o.spanId, traceFlags: 1 }),
    startTime: o.start,
    endTime: o.end,
    attributes: o.attributes,
    status: o.status ?? { code: 0 },
    events: (o.events ?? []).map((e) => ({ ...e, time: o.end })),
    links: [],
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    resource,
    instrumentationScope: scope,
  };
}

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const spans = [
  span({
    traceId: TRACE,
    spanId: "00f067aa0ba902b7",
    name: "chat gpt-4o",
    start: [1_750_000_000, 123_456_789],
    end: [1_750_000_001, 358_456_789],
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
    status: { code: 1 },
  }),
  span({
    traceId: TRACE,
    spanId: "00f067aa0ba902b8",
    name: "anthropic.chat",
    start: [1_750_000_100, 0],
    end: [1_750_000_100, 250_000_000],
    attributes: {
      "gen_ai.system": "anthropic",
      "gen_ai.request.model": "claude-3-5-haiku-20241022",
      "gen_ai.usage.prompt_tokens": 500,
      "gen_ai.usage.completion_tokens": 80,
      "gen_ai.usage.cache_creation.input_tokens": 200,
      "session.id": "s-1",
      "error.type": "429",
      "http.response.status_code": 429,
    },
    status: { code: 2, message: "rate limited by provider" },
  }),
  span({
    traceId: TRACE,
    spanId: "00f067aa0ba902b9",
    name: "bedrock converse",
    start: [1_750_000_200, 500_000_000],
    end: [1_750_000_230, 500_000_000],
    attributes: { "gen_ai.provider.name": "aws.bedrock", "gen_ai.request.model": "anthropic.claude-3-haiku" },
    status: { code: 2 },
    events: [
      { name: "exception", attributes: { "exception.type": "APIConnectionTimeoutError", "exception.message": "Request timed out." } },
    ],
  }),
  span({
    traceId: TRACE,
    spanId: "00f067aa0ba902ba",
    name: "GET /healthz",
    start: [1_750_000_300, 0],
    end: [1_750_000_300, 1_000_000],
    attributes: { "http.request.method": "GET", "http.response.status_code": 200 },
  }),
  span({
    traceId: TRACE,
    spanId: "00f067aa0ba902bb",
    name: "invoke_agent planner",
    start: [1_750_000_400, 0],
    end: [1_750_000_409, 0],
    attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o" },
  }),
  span({
    traceId: TRACE,
    spanId: "00f067aa0ba902bc",
    name: "chat without provider",
    start: [1_750_000_500, 0],
    end: [1_750_000_501, 0],
    attributes: { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o" },
  }),
  span({
    traceId: TRACE,
    spanId: "00f067aa0ba902bd",
    name: "chat with an oversized user id",
    start: [1_750_000_600, 0],
    end: [1_750_000_601, 0],
    attributes: { "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o", "user.id": "u".repeat(300) },
  }),
] as unknown as Spans;

/** The three GenAI request spans that must become rows, written out by hand from the spans above. */
const EXPECTED = [
  {
    id: `${TRACE}00f067aa0ba902b7`,
    ts: 1_750_000_000_123,
    provider: "openai",
    model: "gpt-4o",
    response_model: "gpt-4o-2024-08-06",
    status: "success",
    error_type: null,
    error_message: null,
    http_status: null,
    input_tokens: 1200,
    output_tokens: 300,
    cache_read_tokens: 1000,
    cache_write_tokens: 0,
    reasoning_tokens: 120,
    latency_ms: 1235,
    user_id: "u-42",
    session_id: "conv-7",
    trace_id: TRACE,
    environment: "staging",
    release: "1.4.2",
  },
  {
    id: `${TRACE}00f067aa0ba902b8`,
    ts: 1_750_000_100_000,
    provider: "anthropic",
    model: "claude-3-5-haiku-20241022",
    response_model: null,
    status: "error",
    error_type: "rate_limit",
    error_message: "rate limited by provider",
    http_status: 429,
    input_tokens: 500,
    output_tokens: 80,
    cache_read_tokens: 0,
    cache_write_tokens: 200,
    reasoning_tokens: 0,
    latency_ms: 250,
    user_id: null,
    session_id: "s-1",
    trace_id: TRACE,
    environment: "staging",
    release: "1.4.2",
  },
  {
    id: `${TRACE}00f067aa0ba902b9`,
    ts: 1_750_000_200_500,
    provider: "bedrock",
    model: "anthropic.claude-3-haiku",
    response_model: null,
    status: "error",
    error_type: "timeout",
    error_message: "Request timed out.",
    http_status: null,
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    latency_ms: 30_000,
    user_id: null,
    session_id: null,
    trace_id: TRACE,
    environment: "staging",
    release: "1.4.2",
  },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`POST /v1/traces on ${dialect}`, () => {
    let t: TestStore;
    let server: Server;
    let base: string;
    let projects = 0;

    async function project() {
      const p = await ensureProject(t.store, `otlp-${dialect}-${++projects}`);
      return { id: p.id, ingestKey: (await createKey(t.store, p.id, "ingest")).key, readKey: (await createKey(t.store, p.id, "read")).key };
    }

    const post = (body: Uint8Array, headers: Record<string, string>) =>
      fetch(`${base}/v1/traces`, { method: "POST", body: body as BodyInit, headers });

    const rows = (projectId: string) =>
      t.store.db
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
          "http_status",
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
        .where("project_id", "=", projectId)
        .orderBy("ts")
        .execute();

    beforeAll(async () => {
      t = await openTestStore(dialect);
      const pm = await createPromptmeter({ db: t.store });
      server = createNodeServer(pm.fetchHandler);
      base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => {
        server?.close(resolve);
        server?.closeAllConnections();
      });
      await t?.cleanup();
    });

    it("protobuf (official serializer): GenAI spans become events, others are ignored, invalid ones rejected", async () => {
      const p = await project();
      const res = await post(ProtobufTraceSerializer.serializeRequest(spans)!, {
        "content-type": "application/x-protobuf",
        authorization: `Bearer ${p.ingestKey}`,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/x-protobuf");
      const answer = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()));
      expect(Number(answer.partialSuccess?.rejectedSpans)).toBe(2);
      expect(answer.partialSuccess?.errorMessage).toMatch(/2 GenAI span\(s\) rejected/);
      expect(answer.partialSuccess?.errorMessage).toMatch(/gen_ai\.provider\.name/);
      expect(answer.partialSuccess?.errorMessage).toMatch(/userId/);
      expect(answer.partialSuccess?.errorMessage).toMatch(/2 span\(s\) without gen_ai request attributes ignored/);
      expect(await rows(p.id)).toEqual(EXPECTED);
    });

    it("JSON (official serializer): same rows; re-exporting the same spans adds none", async () => {
      const p = await project();
      const headers = { "content-type": "application/json", authorization: `Bearer ${p.ingestKey}` };
      const body = JsonTraceSerializer.serializeRequest(spans)!;
      const first = await post(body, headers);
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toBe("application/json");
      const answer = await first.json();
      expect(Number(answer.partialSuccess.rejectedSpans)).toBe(2);
      expect(await rows(p.id)).toEqual(EXPECTED);

      const again = await post(body, headers);
      expect(again.status).toBe(200);
      expect(Number((await again.json()).partialSuccess.rejectedSpans)).toBe(2);
      expect(await rows(p.id)).toEqual(EXPECTED);
    });

    it("gzip-compressed protobuf is accepted; an all-GenAI export answers without partialSuccess", async () => {
      const p = await project();
      const genAiOnly = (spans as unknown as unknown[]).slice(0, 3) as unknown as Spans;
      const res = await post(gzipSync(ProtobufTraceSerializer.serializeRequest(genAiOnly)!), {
        "content-type": "application/x-protobuf",
        "content-encoding": "gzip",
        authorization: `Bearer ${p.ingestKey}`,
      });
      expect(res.status).toBe(200);
      expect(ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()))).toEqual({});
      expect(await rows(p.id)).toEqual(EXPECTED);
    });

    it("refuses a missing key, a read key, other media types and undecodable bodies, storing nothing", async () => {
      const p = await project();
      const body = ProtobufTraceSerializer.serializeRequest(spans)!;
      const noKey = await post(body, { "content-type": "application/x-protobuf" });
      expect(noKey.status).toBe(401);
      expect(noKey.headers.get("content-type")).toBe("application/x-protobuf");
      const readKey = await post(JsonTraceSerializer.serializeRequest(spans)!, {
        "content-type": "application/json",
        authorization: `Bearer ${p.readKey}`,
      });
      expect(readKey.status).toBe(403);
      expect((await readKey.json()).message).toMatch(/ingest key/);
      const text = await post(new TextEncoder().encode("hello"), { "content-type": "text/plain", authorization: `Bearer ${p.ingestKey}` });
      expect(text.status).toBe(415);
      const garbage = await post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), {
        "content-type": "application/x-protobuf",
        authorization: `Bearer ${p.ingestKey}`,
      });
      expect(garbage.status).toBe(400);
      const badJson = await post(new TextEncoder().encode("{"), {
        "content-type": "application/json",
        authorization: `Bearer ${p.ingestKey}`,
      });
      expect(badJson.status).toBe(400);
      expect((await badJson.json()).code).toBe(3);
      expect(await rows(p.id)).toEqual([]);
    });
  });
}
