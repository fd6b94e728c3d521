import { createPromptmeterClient, type PromptmeterClient } from "../src/provider/create-client.js";
import { INVALID_READ_KEY } from "./clients.js";
import { seededServer } from "./render.js";

/** A client of the seeded server, for a test to fetch the answer a widget should show. */
export function liveClient(): PromptmeterClient {
  const server = seededServer();
  return createPromptmeterClient({ url: server.url, apiKey: server.readKey });
}

/**
 * A client of the seeded server that sends an unknown key (a real 401) until `heal()` is called,
 * then the read key: the error state, then what Retry brings once the cause is gone.
 */
export function healableClient(): { client: PromptmeterClient; heal(): void; calls(): number } {
  const server = seededServer();
  let key = INVALID_READ_KEY;
  let calls = 0;
  const client = createPromptmeterClient({
    url: server.url,
    fetch: (url, init) => {
      calls += 1;
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${key}`);
      return fetch(url, { ...init, headers });
    },
  });
  return {
    client,
    heal: () => {
      key = server.readKey;
    },
    calls: () => calls,
  };
}
