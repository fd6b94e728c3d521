import { timingSafeEqual } from "node:crypto";
import { LIMITS } from "@promptmeter/schema";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { authenticate, bearerToken, type KeyGrant } from "../auth/api-keys.js";
import { accessFromGrant, type Context, type Services } from "../context.js";
import { ingestFeedback } from "../ingest/ingest-feedback.js";
import { logger } from "../logger.js";
import { handleTraces } from "../otlp/handle-traces.js";
import type { AppRouter } from "../router.js";
import { type CorsOptions, withCors } from "./cors.js";
import { handleExport } from "./export.js";
import { RateLimiter } from "./rate-limiter.js";
import { readBody } from "./read-body.js";
import { apiError, json } from "./responses.js";

export interface HttpOptions {
  /** Largest request body in bytes (SPEC: 5 MB). */
  maxBodyBytes?: number;
  /** Per-key request rate; 0 disables. Default 200/s with a burst of 1,000. */
  rateLimitPerSecond?: number;
  rateLimitBurst?: number;
  /** Bearer token that grants project administration over HTTP; unset = no HTTP admin. */
  adminToken?: string;
  /** Browser origins allowed to call /trpc and /v1/*; both closed by default. */
  cors?: CorsOptions;
}

type IngestKind = "events" | "feedback";

/** Matches the API paths at the end of a URL so the handler works under any mount prefix. */
const ROUTE = /^(.*?)\/(v1\/events|v1\/feedback|v1\/traces|v1\/export|healthz|trpc)(\/.*)?$/;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The standard `Request → Response` handler for every Promptmeter HTTP path. */
export function createFetchHandler(services: Services, router: AppRouter, options: HttpOptions = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? LIMITS.batchBytes;
  const limiter = new RateLimiter(options.rateLimitPerSecond ?? 200, options.rateLimitBurst ?? 1000);

  async function grantOf(request: Request): Promise<KeyGrant | null> {
    return authenticate(services.store, bearerToken(request.headers.get("authorization")));
  }

  async function ingest(request: Request, kind: IngestKind): Promise<Response> {
    if (request.method !== "POST") return apiError(405, "method_not_allowed", `use POST for /v1/${kind}`, { allow: "POST" });
    const grant = await grantOf(request);
    if (!grant) return apiError(401, "unauthorized", "missing or invalid API key: send Authorization: Bearer pm_ingest_…");
    if (grant.kind !== "ingest") return apiError(403, "forbidden", "this key cannot ingest; use an ingest key (pm_ingest_…)");
    const wait = limiter.take(grant.keyId);
    if (wait > 0)
      return apiError(429, "rate_limited", `too many requests for this key; retry in ${wait} s`, { "retry-after": String(wait) });
    const contentType = request.headers.get("content-type") ?? "";
    if (!/^application\/json\b/i.test(contentType)) {
      return apiError(415, "unsupported_media_type", "send the body as application/json");
    }
    const encoding = request.headers.get("content-encoding");
    if (encoding && encoding.toLowerCase() !== "identity") {
      return apiError(415, "unsupported_encoding", `content-encoding ${encoding} is not accepted; send the body uncompressed`);
    }
    const body = await readBody(request, maxBodyBytes);
    if (!body.ok) return apiError(413, "payload_too_large", `body exceeds ${maxBodyBytes} bytes`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes));
    } catch {
      return apiError(400, "malformed_json", "body is not valid UTF-8 JSON");
    }
    const items = (parsed as Record<string, unknown> | null)?.[kind];
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || !Array.isArray(items)) {
      return apiError(400, "invalid_body", `body must be an object with a "${kind}" array`);
    }
    if (items.length === 0) return apiError(400, "empty_batch", `${kind} must hold at least one item`);
    if (items.length > LIMITS.batchEvents) {
      return apiError(413, "too_many_items", `${kind} holds ${items.length} items; the limit is ${LIMITS.batchEvents} per request`);
    }
    // Nothing below refers to the parsed body: it can be collected while the batch is being written.
    const count = items.length;
    const result =
      kind === "events"
        ? await services.events.ingest(grant.projectId, items)
        : await ingestFeedback(services.store, grant.projectId, items);
    if (result.rejected.length === 0) return json(200, result);
    if (result.accepted + result.duplicates > 0) return json(207, result);
    return json(400, { error: { code: "invalid_items", message: `none of the ${count} ${kind} items is valid` }, ...result });
  }

  async function trpc(original: Request, endpoint: string): Promise<Response> {
    // The /v1 body limit holds here too: tRPC would otherwise buffer any size, even before the key is checked.
    let request = original;
    if (original.body) {
      const body = await readBody(original, maxBodyBytes);
      if (!body.ok) return apiError(413, "payload_too_large", `body exceeds ${maxBodyBytes} bytes`);
      request = new Request(original.url, {
        method: original.method,
        headers: original.headers,
        // readBody allocates a fresh ArrayBuffer; its declared type is the wider ArrayBufferLike.
        body: body.bytes as Uint8Array<ArrayBuffer>,
        signal: original.signal,
      });
    }
    const token = bearerToken(request.headers.get("authorization"));
    const admin = options.adminToken !== undefined && token !== null && sameSecret(token, options.adminToken);
    const grant = admin ? null : await grantOf(request);
    return fetchRequestHandler({
      endpoint,
      req: request,
      router,
      createContext: (): Context => ({ services, access: accessFromGrant(grant), admin }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") logger.error("trpc procedure failed", { path, error: error.message });
      },
    });
  }

  return withCors(options.cors, async function fetchHandler(request: Request): Promise<Response> {
    try {
      const url = new URL(request.url);
      const match = ROUTE.exec(url.pathname);
      if (!match) return apiError(404, "not_found", `no route for ${url.pathname}`);
      const [, prefix = "", route, rest] = match;
      if (route !== "trpc" && rest !== undefined) return apiError(404, "not_found", `no route for ${url.pathname}`);
      switch (route) {
        case "healthz":
          try {
            await services.store.ping();
          } catch {
            return apiError(503, "store_unavailable", "the store does not answer");
          }
          return json(200, { ok: true });
        case "v1/events":
          return await ingest(request, "events");
        case "v1/feedback":
          return await ingest(request, "feedback");
        case "v1/traces":
          return await handleTraces(request, { services, grantOf, limiter, maxBodyBytes });
        case "v1/export":
          return await handleExport(request, { services, grantOf, limiter });
        default:
          return await trpc(request, `${prefix}/trpc`);
      }
    } catch (error) {
      logger.error("request failed", { error: error instanceof Error ? error.message : String(error) });
      return apiError(500, "internal", "the server could not handle this request");
    }
  });
}
