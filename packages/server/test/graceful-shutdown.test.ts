import { existsSync } from "node:fs";
import { get as httpGet, request } from "node:http";
import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { openStore } from "../src/db/open-store.js";
import { createNodeServer, listen, shutdown } from "../src/http/node-server.js";
import { createTestDatabase, DIALECTS, dialectAvailable } from "./dialects.js";
import { event, T0 } from "./fixtures.js";
import { prepareStore, spawnServe } from "./server-process.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw HTTP/1.1 connection that records everything the server sends. */
function rawConnection(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (d) => (text += d));
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.once("connect", () => resolve({ socket, received: () => text, closed }));
    socket.once("error", reject);
  });
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** GET /healthz on a connection of its own (never a pooled one): its status, or the connection error's code. */
function healthOnNewConnection(base: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpGet(`${base}/healthz`, { agent: false }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
    });
    req.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: pm.local\r\n\r\n`;

describe("shutdown of the node server", () => {
  it("closes the listener and idle connections at once, finishes the requests in flight, and serves nothing that arrives afterwards", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let streamController!: ReadableStreamDefaultController<Uint8Array>;
    const entered = new Set<string>();
    const server = createNodeServer(async (req) => {
      const path = new URL(req.url).pathname;
      entered.add(path);
      if (path === "/slow") await gate;
      if (path === "/stream") {
        return new Response(
          new ReadableStream<Uint8Array>({
            start: (c) => {
              streamController = c;
              c.enqueue(new TextEncoder().encode("first part "));
            },
          }),
        );
      }
      return new Response(`done:${path}`);
    });
    const port = await listen(server, 0, "127.0.0.1");

    const idle = await rawConnection(port);
    idle.socket.write(get("/fast"));
    await until(() => idle.received().includes("done:/fast"), "the first answer");
    // One request still being handled, one whose answer has begun streaming.
    const busy = await rawConnection(port);
    busy.socket.write(get("/slow"));
    const streaming = await rawConnection(port);
    streaming.socket.write(get("/stream"));
    await until(() => entered.has("/slow") && streaming.received().includes("first part"), "both requests in flight");

    let stopped = false;
    const stopping = shutdown(server).then(() => (stopped = true));
    await idle.closed;
    await expect(rawConnection(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    // Pipelined behind the requests in flight: they arrive after shutdown began.
    busy.socket.write(get("/late"));
    streaming.socket.write(get("/late-too"));
    await sleep(50);
    expect(stopped).toBe(false);

    release();
    streamController.enqueue(new TextEncoder().encode("streamed"));
    streamController.close();
    await Promise.all([busy.closed, streaming.closed, stopping]);
    // Not yet answered when shutdown began: the answer closes its connection.
    expect(busy.received()).toMatch(/^HTTP\/1\.1 200 OK\r\nconnection: close\r\n/);
    expect(busy.received()).toContain("done:/slow");
    expect(busy.received()).not.toContain("HTTP/1.1 503");
    // Already streaming: it finishes, then the request behind it is refused without being handled.
    expect(streaming.received()).toContain("streamed");
    expect(streaming.received()).toMatch(/HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*"code":"shutting_down"/);
    expect([...entered].sort()).toEqual(["/fast", "/slow", "/stream"]);
  });
});

/** `{events: [...]}` of 1,000 events with 2 KB payloads, as text, sent in slow chunks. */
function largeBatch(): string {
  const events = Array.from({ length: 1000 }, (_, i) =>
    event({ id: `sigterm-${i}`, timestamp: T0 + i, input: `prompt ${i} ${"p".repeat(2000)}`, output: `answer ${i}` }),
  );
  return JSON.stringify({ events });
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`promptmeter serve on ${dialect} receiving SIGTERM`, () => {
    it("stops accepting, acknowledges and stores the batch in flight, closes the store and exits 0", async () => {
      const db = await createTestDatabase(dialect);
      try {
        const keys = await prepareStore(db.url, "sigterm");
        const served = await spawnServe(db.url);
        const url = new URL("/v1/events", served.base);
        const body = Buffer.from(largeBatch());
        const chunks = Array.from({ length: 16 }, (_, i) => body.subarray((i * body.length) / 16, ((i + 1) * body.length) / 16));

        const req = request(url, {
          method: "POST",
          headers: { authorization: `Bearer ${keys.ingest[0]}`, "content-type": "application/json", "transfer-encoding": "chunked" },
        });
        const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
          req.once("response", (res) => {
            let text = "";
            res.on("data", (d) => (text += d));
            res.once("end", () => resolve({ status: res.statusCode ?? 0, text }));
          });
          req.once("error", reject);
        });
        req.write(chunks[0]);
        // A request sent after ours and answered: the server's event loop has read our headers, so the batch is in flight.
        await sleep(50);
        expect(await healthOnNewConnection(served.base)).toBe(200);
        served.child.kill("SIGTERM");
        // The listener closes as soon as SIGTERM lands, while the batch is still uploading.
        await until(async () => (await healthOnNewConnection(served.base)) === "ECONNREFUSED", "the listener to close");
        for (const chunk of chunks.slice(1)) {
          req.write(chunk);
          await sleep(40);
        }
        req.end();

        const answer = await answered;
        expect(answer.status, answer.text).toBe(200);
        expect(JSON.parse(answer.text)).toEqual({ accepted: 1000, duplicates: 0, rejected: [] });
        expect(await served.exited).toEqual({ code: 0, signal: null });
        expect(served.stderr()).not.toMatch(/"level":"error"/);
        // SQLite removes the write-ahead log when the last connection closes cleanly.
        if (dialect === "sqlite") expect(existsSync(`${db.url}-wal`)).toBe(false);

        const store = await openStore(db.url);
        try {
          const count = async (table: "events" | "event_payloads") =>
            Number(
              (
                await store.db
                  .selectFrom(table)
                  .select((eb) => eb.fn.countAll<number>().as("n"))
                  .executeTakeFirstOrThrow()
              ).n,
            );
          expect(await count("events")).toBe(1000);
          expect(await count("event_payloads")).toBe(1000);
        } finally {
          await store.close();
        }
      } finally {
        await db.cleanup();
      }
    });
  });
}
