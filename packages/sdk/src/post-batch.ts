import type { IngestResult } from "@promptmeter/schema";
import { parseRetryAfter } from "./backoff.js";

export type BatchKind = "events" | "feedback";

/** What one POST of a batch came to, and so what the logger does next. */
export type PostOutcome =
  | { type: "stored"; result: IngestResult }
  | { type: "retry"; reason: string; retryAfterMs?: number }
  | { type: "too_large"; reason: string }
  | { type: "fatal"; reason: string };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorText(status: number, body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.message === "string" ? `HTTP ${status} ${String(error.code)}: ${error.message}` : `HTTP ${status}`;
}

/** One attempt at `POST /v1/{kind}` with already-serialized items; never throws. */
export async function postBatch(
  endpoint: string,
  apiKey: string,
  kind: BatchKind,
  items: readonly string[],
  timeoutMs: number,
): Promise<PostOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: `{"${kind}":[${items.join(",")}]}`,
      signal: controller.signal,
    });
    const body = parseJson(await response.text());
    const status = response.status;
    if ((status >= 200 && status < 300) || (status === 400 && Array.isArray((body as IngestResult | undefined)?.rejected))) {
      const result = body as Partial<IngestResult> | undefined;
      // A 2xx from something that is not Promptmeter (a proxy page) still took the items; count them as stored.
      return {
        type: "stored",
        result: {
          accepted: typeof result?.accepted === "number" ? result.accepted : status === 400 ? 0 : items.length,
          duplicates: typeof result?.duplicates === "number" ? result.duplicates : 0,
          rejected: Array.isArray(result?.rejected) ? result.rejected : [],
        },
      };
    }
    if (status === 408 || status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      return retryAfterMs === undefined
        ? { type: "retry", reason: errorText(status, body) }
        : { type: "retry", reason: errorText(status, body), retryAfterMs };
    }
    if (status === 413) return { type: "too_large", reason: errorText(status, body) };
    return { type: "fatal", reason: errorText(status, body) };
  } catch (error) {
    const reason = controller.signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : `network error: ${error instanceof Error ? error.message : String(error)}`;
    return { type: "retry", reason };
  } finally {
    clearTimeout(timer);
  }
}
