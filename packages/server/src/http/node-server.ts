import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { logger } from "../logger.js";

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    // Required by undici for streamed request bodies.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  // Answered before the body was read whole (413, 401…): the unread rest would stall a kept-alive connection.
  if (!req.complete) res.setHeader("connection", "close");
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // A client that goes away mid-stream (an export) must release the stream, not wait for a drain forever.
  let gone = false;
  const onClose = () => {
    gone = true;
    reader.cancel().catch(() => {});
  };
  res.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || gone) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const settle = () => {
            res.off("drain", settle);
            res.off("close", settle);
            resolve();
          };
          res.once("drain", settle);
          res.once("close", settle);
        });
      }
    }
  } finally {
    res.off("close", onClose);
    if (!gone) res.end();
  }
}

/** Per server: the responses not yet finished, and whether shutdown has begun. */
const lifecycle = new WeakMap<Server, { inFlight: Set<ServerResponse>; draining: boolean }>();

/** A node:http server around a fetch handler: the standalone `promptmeter serve`. */
export function createNodeServer(handler: (request: Request) => Promise<Response>): Server {
  const state = { inFlight: new Set<ServerResponse>(), draining: false };
  const server = createServer((req, res) => {
    if (state.draining) {
      // Arrived on a kept-alive connection after shutdown began: nothing was done, so a retry elsewhere is safe.
      res.writeHead(503, { "content-type": "application/json", connection: "close", "retry-after": "1" });
      res.end('{"error":{"code":"shutting_down","message":"the server is shutting down; retry"}}');
      return;
    }
    state.inFlight.add(res);
    res.once("close", () => {
      state.inFlight.delete(res);
      // A response that began before shutdown may leave its connection idle: close it too.
      if (state.draining) setImmediate(() => server.closeIdleConnections());
    });
    const origin = `http://${req.headers.host ?? "localhost"}`;
    let request: Request;
    try {
      request = toRequest(req, origin);
    } catch {
      res.writeHead(400, { "content-type": "application/json" }).end('{"error":{"code":"bad_request","message":"unparseable request"}}');
      return;
    }
    handler(request)
      .then((response) => send(req, res, response))
      .catch((error: unknown) => {
        logger.error("response failed", { error: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end();
      });
  });
  server.keepAliveTimeout = 65_000;
  lifecycle.set(server, state);
  return server;
}

/**
 * Graceful stop: closes the listener at once, lets every request already received finish (its
 * answer says `Connection: close`), then resolves. Connections still open after `timeoutMs` are cut.
 */
export function shutdown(server: Server, timeoutMs = 10_000): Promise<void> {
  const state = lifecycle.get(server);
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    if (state) {
      state.draining = true;
      for (const res of state.inFlight) {
        if (!res.headersSent) res.setHeader("connection", "close");
      }
    }
    server.closeIdleConnections();
  });
}

/** Starts listening; resolves with the bound port (useful with port 0 in tests). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
