import type { AppRouter } from "@promptmeter/server";
import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";

/** The tRPC client type the provider accepts as `trpcClient`. */
export type PromptmeterClient = TRPCClient<AppRouter>;

export interface PromptmeterClientOptions {
  /** The tRPC endpoint, e.g. `/promptmeter/trpc` or `https://pm.example.com/trpc`. */
  url: string;
  /** A read key (`pm_read_…`), sent as `Authorization: Bearer …`; omit when the host's session authorizes the call. */
  apiKey?: string | undefined;
  /** Extra headers for every call (for instance a CSRF token). */
  headers?: Record<string, string> | undefined;
  /** A fetch implementation, for tests or instrumented hosts. */
  fetch?: typeof globalThis.fetch | undefined;
}

/** Builds a batching HTTP client for a Promptmeter server (no data transformer, as the server expects). */
export function createPromptmeterClient(options: PromptmeterClientOptions): PromptmeterClient {
  const { url, apiKey, headers, fetch } = options;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        // Long filter sets can exceed URL limits of proxies: split the batch rather than fail.
        maxURLLength: 2_000,
        headers: () => ({ ...headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) }),
        ...(fetch ? { fetch } : {}),
      }),
    ],
  });
}
