import type { Server } from "node:http";
import { createKey } from "../src/auth/api-keys.js";
import { ensureProject } from "../src/auth/projects.js";
import { createPromptmeter, type Promptmeter, type PromptmeterOptions } from "../src/create-promptmeter.js";
import type { Store } from "../src/db/dialect/types.js";
import { createNodeServer, listen } from "../src/http/node-server.js";

/** A real Promptmeter HTTP server on an ephemeral port over a test store. */
export interface RunningServer {
  pm: Promptmeter;
  base: string;
  server: Server;
  /** Stops the server; the store stays open (its owner closes it). */
  close(): Promise<void>;
}

export async function startServer(store: Store, options: Omit<PromptmeterOptions, "db"> = {}): Promise<RunningServer> {
  const pm = await createPromptmeter({ ...options, db: store });
  const server = createNodeServer(pm.fetchHandler);
  const port = await listen(server, 0, "127.0.0.1");
  return {
    pm,
    server,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface TestProject {
  id: string;
  name: string;
  ingestKey: string;
  ingestKeyId: string;
  readKey: string;
}

/** A project with one ingest and one read key. */
export async function projectWithKeys(store: Store, name: string): Promise<TestProject> {
  const project = await ensureProject(store, name);
  const ingest = await createKey(store, project.id, "ingest");
  const read = await createKey(store, project.id, "read");
  return { id: project.id, name, ingestKey: ingest.key, ingestKeyId: ingest.id, readKey: read.key };
}

export interface JsonAnswer {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: any;
}

async function answer(response: Response): Promise<JsonAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text: the assertion on it will say what came back.
  }
  return { status: response.status, contentType: response.headers.get("content-type"), headers: response.headers, body };
}

/** POSTs a JSON value (or a raw string) with a bearer key. */
export async function postJson(url: string, body: unknown, key: string | null, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return answer(response);
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  return answer(await fetch(url, { headers }));
}

/** Sends a body as a stream of chunks, so no content-length is declared (chunked transfer). */
export async function postChunked(url: string, chunks: readonly Uint8Array[], key: string): Promise<JsonAnswer> {
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return answer(response);
}
