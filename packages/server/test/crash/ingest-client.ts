/**
 * A client that ingests without pause, one batch at a time, and resends an unacknowledged
 * batch with the same ids until it is acknowledged. Run in its own process by crash-safety.test.ts:
 * `node --import tsx ingest-client.ts <url> <ingest key> <seed>`; reports each acknowledgement
 * over IPC and stops after the batch in flight when sent "stop".
 */
import { batchSize, crashEvent } from "./batches.js";

export interface Ack {
  type: "ack";
  batch: number;
  size: number;
  accepted: number;
  duplicates: number;
  /** Attempts it took; more than one means a resend after the server went away. */
  attempts: number;
}
export type ClientMessage = Ack | { type: "done"; batches: number } | { type: "fatal"; status: number; body: string };

const [url = "", key = "", seedText = "1"] = process.argv.slice(2);
const seed = Number(seedText);
const send = (message: ClientMessage) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stopping = false;
process.on("message", (m) => {
  if (m === "stop") stopping = true;
});

let next = 0;
let batch = 0;
while (!stopping) {
  const size = batchSize(seed, batch);
  const body = JSON.stringify({ events: Array.from({ length: size }, (_, i) => crashEvent(next + i)) });
  for (let attempts = 1; ; attempts++) {
    let status = 0;
    let text = "";
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      status = res.status;
      text = await res.text();
    } catch {
      // Refused or cut off: the server is down or was killed mid-request. Resend the same batch.
      await sleep(15);
      continue;
    }
    if (status === 200) {
      const result = JSON.parse(text) as { accepted: number; duplicates: number };
      await send({ type: "ack", batch, size, accepted: result.accepted, duplicates: result.duplicates, attempts });
      break;
    }
    if (status === 503 || status === 429) {
      await sleep(15);
      continue;
    }
    await send({ type: "fatal", status, body: text.slice(0, 500) });
    process.exit(1);
  }
  next += size;
  batch += 1;
}
await send({ type: "done", batches: batch });
process.disconnect?.();
