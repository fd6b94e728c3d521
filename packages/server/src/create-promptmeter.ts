import type { Context, Services } from "./context.js";
import type { Store } from "./db/dialect/types.js";
import { openStore } from "./db/open-store.js";
import { createFetchHandler, type HttpOptions } from "./http/fetch-handler.js";
import { createEventIngestor } from "./ingest/ingest-events.js";
import { PriceOverrideCache } from "./pricing/price-overrides.js";
import { appRouter } from "./router.js";

export interface PromptmeterOptions extends HttpOptions {
  /** SQLite file path, `postgres://…` URL, or an already-open store. Default: PROMPTMETER_DB or ./promptmeter.db. */
  db?: string | Store;
  /** Largest `input`/`output` payload in bytes (default 256 KB). */
  maxPayloadBytes?: number;
  /** Redact emails, card numbers, API keys and bearer tokens in payloads and errorMessage on ingest (default off). */
  redact?: boolean;
}

export interface Promptmeter {
  /** The tRPC router, for mounting in a host's tRPC server or calling in-process. */
  router: typeof appRouter;
  /** `Request → Response` for every HTTP path (/v1/*, /trpc/*, /healthz) under any prefix. */
  fetchHandler: (request: Request) => Promise<Response>;
  /** In-process ingestion for a project, bypassing HTTP. */
  ingest: {
    events(projectId: string, events: readonly unknown[]): ReturnType<Services["events"]["ingest"]>;
  };
  /** A tRPC context for a host that decides the project itself (in-process mount, tests). */
  createContext(access: { projectId: string; canRead?: boolean; canIngest?: boolean } | null, admin?: boolean): Context;
  services: Services;
  store: Store;
  close(): Promise<void>;
}

/** Opens the store (migrating it) and wires ingestion, pricing, the router and the HTTP handler. */
export async function createPromptmeter(options: PromptmeterOptions = {}): Promise<Promptmeter> {
  const store = typeof options.db === "object" ? options.db : await openStore(options.db);
  const prices = new PriceOverrideCache(store);
  const events = createEventIngestor(store, prices, {
    ...(options.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: options.maxPayloadBytes }),
    redact: options.redact === true,
  });
  const services: Services = { store, prices, events };
  return {
    router: appRouter,
    fetchHandler: createFetchHandler(services, appRouter, options),
    ingest: { events: (projectId, batch) => events.ingest(projectId, batch) },
    createContext: (access, admin = false) => ({
      services,
      access: access && { projectId: access.projectId, canRead: access.canRead ?? true, canIngest: access.canIngest ?? true },
      admin,
    }),
    services,
    store,
    close: () => store.close(),
  };
}
