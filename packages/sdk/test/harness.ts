import type { Server } from "node:http";
import { createKey, createNodeServer, createPromptmeter, ensureProject, listen, type Promptmeter } from "@promptmeter/server";
import { openTestStore, type TestDialect, type TestStore } from "../../server/test/dialects.js";

export { DIALECTS, dialectAvailable } from "../../server/test/dialects.js";

/** A real Promptmeter server over a fresh store, with one project and its ingest key. */
export interface Running {
  t: TestStore;
  pm: Promptmeter;
  base: string;
  port: number;
  projectId: string;
  ingestKey: string;
  /** Starts (or restarts) HTTP on `port`, optionally behind a wrapper around the real handler. */
  serve(port?: number, wrap?: (handler: Promptmeter["fetchHandler"]) => Promptmeter["fetchHandler"]): Promise<void>;
  /** Stops HTTP; the store stays open. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A port that nothing listens on (bound once, then released): "the server is down". */
export async function freePort(): Promise<number> {
  const probe = createNodeServer(async () => new Response(null));
  const port = await listen(probe, 0, "127.0.0.1");
  await closeServer(probe);
  return port;
}

export async function startPromptmeter(dialect: TestDialect, options: { listen?: boolean } = {}): Promise<Running> {
  const t = await openTestStore(dialect);
  const pm = await createPromptmeter({ db: t.store });
  const project = await ensureProject(t.store, `sdk-${dialect}`);
  const { key } = await createKey(t.store, project.id, "ingest");
  let server: Server | undefined;
  const running: Running = {
    t,
    pm,
    base: "",
    port: 0,
    projectId: project.id,
    ingestKey: key,
    async serve(port = running.port, wrap) {
      await closeServer(server);
      server = createNodeServer(wrap ? wrap(pm.fetchHandler) : pm.fetchHandler);
      running.port = await listen(server, port, "127.0.0.1");
      running.base = `http://127.0.0.1:${running.port}`;
    },
    stop: () => closeServer(server),
    async close() {
      await closeServer(server);
      await t.cleanup();
    },
  };
  if (options.listen !== false) await running.serve(0);
  return running;
}

/** Waits until `check` holds, polling; fails the test with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
