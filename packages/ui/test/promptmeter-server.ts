import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKey, createNodeServer, createPromptmeter, ensureProject, generateDataset, listen } from "@promptmeter/server";
import { SEED, SEED_DAYS, SEED_END, SEED_EVENTS, SEED_RANGE } from "./seed-range.js";

/** A real Promptmeter server over a temporary seeded SQLite file, for browser tests and Storybook. */
export interface SeededServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The tRPC endpoint the provider's `url` takes. */
  trpcUrl: string;
  /** A read key of the seeded project. */
  readKey: string;
  /** An ingest key of the seeded project. */
  ingestKey: string;
  /** A read key of a second project that holds nothing: empty states (no goals, no traffic) for real. */
  emptyReadKey: string;
  /** The absolute range that covers the seeded data. */
  range: { from: string; to: string };
  /** What was stored. */
  counts: { events: number; feedback: number };
  close(): Promise<void>;
}

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, trpc-accept, x-trpc-source",
  "access-control-max-age": "600",
};

/** Browser tests and stories are served from another origin than the API: answer preflights, tag every response. */
export function withCors(handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
    const response = await handler(request);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Starts a seeded server on an ephemeral port (or `port`) of 127.0.0.1. */
export async function startSeededServer(options: { port?: number; host?: string } = {}): Promise<SeededServer> {
  const dir = mkdtempSync(join(tmpdir(), "pm-ui-"));
  const pm = await createPromptmeter({ db: join(dir, "ui.db"), rateLimitPerSecond: 0 });
  try {
    const project = await ensureProject(pm.store, "ui-fixtures");
    const read = await createKey(pm.store, project.id, "read");
    const ingest = await createKey(pm.store, project.id, "ingest");
    const emptyProject = await ensureProject(pm.store, "ui-empty");
    const emptyRead = await createKey(pm.store, emptyProject.id, "read");
    const data = generateDataset({ seed: SEED, events: SEED_EVENTS, days: SEED_DAYS, end: Date.parse(SEED_END), payloadShare: 0.05 });
    for (const batch of chunks(data.events, 1_000)) {
      const result = await pm.ingest.events(project.id, batch);
      if (result.rejected.length > 0) throw new Error(`seed event rejected: ${JSON.stringify(result.rejected[0])}`);
    }
    for (const batch of chunks(data.feedback, 1_000)) {
      const response = await pm.fetchHandler(
        new Request("http://seed.local/v1/feedback", {
          method: "POST",
          headers: { authorization: `Bearer ${ingest.key}`, "content-type": "application/json" },
          body: JSON.stringify({ feedback: batch }),
        }),
      );
      if (response.status !== 200) throw new Error(`seed feedback answered ${response.status}: ${await response.text()}`);
    }
    const server = createNodeServer(withCors(pm.fetchHandler));
    const host = options.host ?? "127.0.0.1";
    const port = await listen(server, options.port ?? 0, host);
    const origin = `http://${host}:${port}`;
    return {
      origin,
      trpcUrl: `${origin}/trpc`,
      readKey: read.key,
      ingestKey: ingest.key,
      emptyReadKey: emptyRead.key,
      range: { ...SEED_RANGE },
      counts: { events: data.events.length, feedback: data.feedback.length },
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await pm.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await pm.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
