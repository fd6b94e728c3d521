import { fileURLToPath } from "node:url";
import { createNodeServer, listen } from "@promptmeter/server";
import { type DemoStore, openDemoStore } from "./demo-store.js";
import { staticFiles } from "./static-files.js";

/** Where Promptmeter is mounted inside the host's server. */
export const MOUNT = "/promptmeter";

export interface DemoOptions {
  db: string;
  port: number;
  host: string;
  /** Events to seed when the database is new. */
  events: number;
}

export interface RunningDemo extends DemoStore {
  url: string;
  close(): Promise<void>;
}

/**
 * The demo host: a product's own server mounting Promptmeter under /promptmeter (one fetchHandler
 * for ingestion, tRPC and export) beside its own admin app.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const demo = await openDemoStore(options.db, options.events);
  const app = staticFiles(fileURLToPath(new URL("../dist", import.meta.url)));
  const server = createNodeServer(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === MOUNT || pathname.startsWith(`${MOUNT}/`)) return demo.pm.fetchHandler(request);
    // How the host hands its admin page a read key; a real app would do this behind its own login.
    if (pathname === "/demo-config.json") return Response.json({ url: `${MOUNT}/trpc`, apiKey: demo.readKey });
    return app(request);
  });
  const port = await listen(server, options.port, options.host);
  return {
    ...demo,
    url: `http://${options.host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => void demo.pm.close().then(resolve));
        server.closeAllConnections();
      }),
  };
}
