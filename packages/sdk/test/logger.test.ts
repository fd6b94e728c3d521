import type { LlmEventInput } from "@promptmeter/schema";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, type Logger, type LoggerProblem } from "../src/index.js";
import { DIALECTS, dialectAvailable, eventually, freePort, type Running, startPromptmeter } from "./harness.js";

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

/** The n-th test event; the fields are fixed so every row can be checked against it. */
const event = (n: number): LlmEventInput => ({
  provider: "openai",
  model: "gpt-4o-mini",
  status: "success",
  latencyMs: 100 + n,
  timestamp: T0 + n * 1000,
  usage: { inputTokens: n, outputTokens: 2 * n },
  userId: `user-${n % 7}`,
});

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`logger against a real server on ${dialect}`, () => {
    let pm: Running | undefined;
    let logger: Logger | undefined;
    afterEach(async () => {
      await logger?.shutdown({ timeoutMs: 1000 });
      await pm?.close();
      logger = undefined;
      pm = undefined;
    });

    const storedIds = async () =>
      (await pm!.t.store.db.selectFrom("events").select("id").where("project_id", "=", pm!.projectId).execute()).map((r) => r.id);

    it("server down for a while, then up: every event is delivered exactly once", async () => {
      pm = await startPromptmeter(dialect, { listen: false });
      const port = await freePort();
      logger = createLogger({
        url: `http://127.0.0.1:${port}/`,
        apiKey: pm.ingestKey,
        batchSize: 20,
        flushIntervalMs: 20,
        minBackoffMs: 20,
        maxBackoffMs: 100,
        maxRetries: 1000,
      });
      const ids = Array.from({ length: 250 }, (_, i) => logger!.log(event(i)));
      // Several failed attempts against the closed port before the server comes up.
      await eventually(() => logger!.stats.retries >= 3, "retries while the server is down");
      expect(logger.stats.sent).toBe(0);
      await pm.serve(port);
      await logger.flush({ timeoutMs: 20_000 });

      const stored = await storedIds();
      expect(stored).toHaveLength(250);
      expect(new Set(stored)).toEqual(new Set(ids));
      expect(new Set(ids).size).toBe(250);
      expect(logger.stats).toMatchObject({ sent: 250, duplicates: 0, dropped: 0, failed: 0, rejected: 0, queued: 0, inFlight: 0 });
      const row = await pm.t.store.db
        .selectFrom("events")
        .select(["ts", "latency_ms", "input_tokens", "output_tokens", "user_id"])
        .where("id", "=", ids[42]!)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ ts: T0 + 42_000, latency_ms: 142, input_tokens: 42, output_tokens: 84, user_id: "user-0" });
    });

    it("an answer lost after the server stored the batch: the resend is counted as duplicates, never a second row", async () => {
      pm = await startPromptmeter(dialect);
      let posts = 0;
      await pm.serve(0, (handler) => async (request) => {
        const response = await handler(request);
        posts += 1;
        // The first batch is stored, but its answer never reaches the client.
        return posts === 1 ? new Response("bad gateway", { status: 502 }) : response;
      });
      logger = createLogger({ url: pm.base, apiKey: pm.ingestKey, batchSize: 30, minBackoffMs: 10, maxBackoffMs: 20 });
      const ids = Array.from({ length: 60 }, (_, i) => logger!.log(event(i)));
      await logger.flush();
      expect(posts).toBe(3);
      expect(logger.stats).toMatchObject({ sent: 30, duplicates: 30, retries: 1, failed: 0 });
      const stored = await storedIds();
      expect(stored).toHaveLength(60);
      expect(new Set(stored)).toEqual(new Set(ids));
    });

    it("honours Retry-After on 429 instead of its own (much shorter) backoff", async () => {
      pm = await startPromptmeter(dialect);
      const arrivals: number[] = [];
      await pm.serve(0, (handler) => async (request) => {
        arrivals.push(Date.now());
        if (arrivals.length === 1)
          return new Response('{"error":{"code":"rate_limited","message":"slow down"}}', { status: 429, headers: { "retry-after": "1" } });
        return handler(request);
      });
      logger = createLogger({ url: pm.base, apiKey: pm.ingestKey, minBackoffMs: 5, maxBackoffMs: 10 });
      logger.log(event(1));
      await logger.flush();
      expect(arrivals).toHaveLength(2);
      expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(990);
      expect(await storedIds()).toHaveLength(1);
    });

    it("a full buffer drops the oldest items with a counter, never throws, and the rest still arrive", async () => {
      pm = await startPromptmeter(dialect, { listen: false });
      const port = await freePort();
      const problems: LoggerProblem[] = [];
      logger = createLogger({
        url: `http://127.0.0.1:${port}`,
        apiKey: pm.ingestKey,
        batchSize: 10,
        maxQueueSize: 100,
        minBackoffMs: 10,
        maxBackoffMs: 20,
        maxRetries: 100_000,
        onError: (p) => problems.push(p),
      });
      const ids = Array.from({ length: 1000 }, (_, i) => logger!.log(event(i)));
      // By hand: the 10th item started the first batch (items 0–9, now in flight against the dead
      // port); items 10–999 went to a queue of 100, which kept the newest 100 (900–999) and dropped 890.
      expect(logger.stats).toMatchObject({ inFlight: 10, queued: 100, dropped: 890 });
      expect(problems[0]).toMatchObject({ kind: "dropped", count: 1 });

      await pm.serve(port);
      await logger.flush({ timeoutMs: 20_000 });
      const stored = await storedIds();
      expect(new Set(stored)).toEqual(new Set([...ids.slice(0, 10), ...ids.slice(900)]));
      expect(logger.stats).toMatchObject({ sent: 110, dropped: 890, failed: 0, queued: 0 });
    });

    it("bounds the queue by bytes too", async () => {
      pm = await startPromptmeter(dialect, { listen: false });
      const port = await freePort();
      logger = createLogger({
        url: `http://127.0.0.1:${port}`,
        apiKey: pm.ingestKey,
        batchSize: 1000,
        maxQueueBytes: 20_000,
        flushIntervalMs: 60_000,
      });
      const big = (n: number): LlmEventInput => ({ ...event(n), id: `big-${String(n).padStart(4, "0")}`, errorMessage: "x".repeat(1000) });
      // Every item serializes to the same length (fixed-width ids and numbers), so the queue holds ⌊20,000 / size⌋.
      const size = JSON.stringify({ ...big(1000), timestamp: T0 + 1000 * 1000 }).length;
      const fit = Math.floor(20_000 / size);
      for (let n = 1000; n < 1500; n += 1) logger.log(big(n));
      expect(logger.stats.queued).toBe(fit);
      expect(logger.stats.queuedBytes).toBe(fit * size);
      expect(logger.stats.dropped).toBe(500 - fit);
    });

    it("never throws: unserializable and malformed input is counted and reported; server rejections too", async () => {
      pm = await startPromptmeter(dialect);
      const problems: LoggerProblem[] = [];
      logger = createLogger({ url: pm.base, apiKey: pm.ingestKey, onError: (p) => problems.push(p) });
      const circular: Record<string, unknown> = { provider: "openai" };
      circular.self = circular;
      expect(() => logger!.log(circular as unknown as LlmEventInput)).not.toThrow();
      expect(() => logger!.log(null as unknown as LlmEventInput)).not.toThrow();
      expect(() => logger!.log({ ...event(1), usage: { inputTokens: 1n } } as unknown as LlmEventInput)).not.toThrow();
      logger.log({ model: "gpt-4o", status: "success", latencyMs: 5 } as LlmEventInput);
      const ok = logger.log(event(2));
      await logger.flush();
      expect(logger.stats).toMatchObject({ rejected: 4, sent: 1 });
      expect(problems.filter((p) => p.kind === "rejected").map((p) => p.count)).toEqual([1, 1, 1, 1]);
      expect(problems.at(-1)?.rejected).toEqual([{ index: 0, path: "provider", message: expect.any(String) }]);
      expect(await storedIds()).toEqual([ok]);
    });

    it("a wrong key is a problem reported once per batch, not retried", async () => {
      pm = await startPromptmeter(dialect);
      const problems: LoggerProblem[] = [];
      logger = createLogger({ url: pm.base, apiKey: "pm_ingest_wrongwrongwrongwrongwrongwrong", onError: (p) => problems.push(p) });
      logger.log(event(1));
      await logger.flush();
      expect(logger.stats).toMatchObject({ failed: 1, retries: 0, sent: 0 });
      expect(problems).toEqual([{ kind: "failed", count: 1, message: expect.stringMatching(/HTTP 401/) }]);
    });

    it("feedback goes to /v1/feedback with its own client-side id", async () => {
      pm = await startPromptmeter(dialect);
      logger = createLogger({ url: pm.base, apiKey: pm.ingestKey });
      const eventId = logger.log(event(3));
      const feedbackId = logger.feedback({ eventId, thumbs: "down", comment: "wrong city" });
      await logger.flush();
      const rows = await pm.t.store.db.selectFrom("feedback").select(["id", "event_id", "score", "sentiment", "comment"]).execute();
      expect(rows).toEqual([{ id: feedbackId, event_id: eventId, score: 0, sentiment: "negative", comment: "wrong city" }]);
    });
  });
}
