import { createPromptmeterClient, type PromptmeterClient } from "../src/provider/create-client.js";
import { INVALID_READ_KEY } from "./clients.js";
import { seededServer } from "./render.js";

/** A client of the seeded server that counts its HTTP calls; with the default key every call is a real 401. */
export function countingClient(apiKey: string = INVALID_READ_KEY): { client: PromptmeterClient; calls: () => number } {
  let calls = 0;
  const client = createPromptmeterClient({
    url: seededServer().url,
    apiKey,
    fetch: (input, init) => {
      calls++;
      return fetch(input, init);
    },
  });
  return { client, calls: () => calls };
}

/** A client of the seeded server with its read key, to fetch the answer a widget should show. */
export function readClient(): PromptmeterClient {
  const server = seededServer();
  return createPromptmeterClient({ url: server.url, apiKey: server.readKey });
}
