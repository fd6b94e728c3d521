import { apiError } from "./responses.js";

/** Which browser origins may call Promptmeter from another origin. Both lists are closed (empty) by default. */
export interface CorsOptions {
  /** Origins (`https://admin.example.com`) allowed to call `/trpc` — a dashboard served from another origin — or `["*"]`. */
  trpc?: readonly string[];
  /** Origins allowed to call `/v1/*` (browser-side logging exposes the ingest key: keep this closed unless you mean it). */
  v1?: readonly string[];
}

type Scope = keyof CorsOptions;

const ALLOW_METHODS = "GET, POST";
const ALLOW_HEADERS = "authorization, content-type, content-encoding, trpc-accept";
const EXPOSE_HEADERS = "retry-after, content-disposition";
const PREFLIGHT_MAX_AGE = "600";

/** The same paths fetch-handler.ts routes, at the end of the URL under any mount prefix. */
function scopeOf(pathname: string): Scope | null {
  if (/\/trpc(\/[^/]*)?$/.test(pathname)) return "trpc";
  if (/\/v1\/(events|feedback|traces|export)$/.test(pathname)) return "v1";
  return null;
}

/** `https://Admin.Example.com:443/` → `https://admin.example.com`; throws on anything that is not a bare origin. */
function normalizeOrigin(origin: string): string {
  if (origin === "*") return origin;
  const url = new URL(origin);
  if (url.origin === "null" || url.href.replace(/\/$/, "") !== url.origin) {
    throw new Error(`CORS origin ${origin} must be a bare origin such as https://admin.example.com`);
  }
  return url.origin;
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  const merged = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) {
    if (name === "vary" && merged.has("vary")) merged.set("vary", `${merged.get("vary")}, ${value}`);
    else merged.set(name, value);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}

/**
 * Wraps a fetch handler with CORS: preflights (`OPTIONS` with `Access-Control-Request-Method`)
 * are answered here — 204 for an allowed origin, 403 otherwise — and answers to allowed origins
 * carry `Access-Control-Allow-Origin`. Every answer of a path with an allow-list says `Vary: Origin`.
 */
export function withCors(options: CorsOptions | undefined, handler: (request: Request) => Promise<Response>) {
  const allowed: Record<Scope, Set<string>> = {
    trpc: new Set((options?.trpc ?? []).map(normalizeOrigin)),
    v1: new Set((options?.v1 ?? []).map(normalizeOrigin)),
  };
  return async function corsHandler(request: Request): Promise<Response> {
    const scope = scopeOf(new URL(request.url).pathname);
    if (scope === null) return handler(request);
    const origins = allowed[scope];
    const origin = request.headers.get("origin");
    const allowOrigin = origin === null ? null : origins.has("*") ? "*" : origins.has(origin) ? origin : null;
    const preflight = request.method === "OPTIONS" && origin !== null && request.headers.has("access-control-request-method");
    if (preflight) {
      const vary = { vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers" };
      if (allowOrigin === null) {
        const where = scope === "trpc" ? "/trpc" : "/v1/*";
        return withHeaders(apiError(403, "cors_forbidden", `origin ${origin} may not call ${where}; list it in the cors option`), vary);
      }
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": allowOrigin,
          "access-control-allow-methods": ALLOW_METHODS,
          "access-control-allow-headers": ALLOW_HEADERS,
          "access-control-max-age": PREFLIGHT_MAX_AGE,
          ...vary,
        },
      });
    }
    const response = await handler(request);
    if (allowOrigin !== null) {
      return withHeaders(response, {
        "access-control-allow-origin": allowOrigin,
        "access-control-expose-headers": EXPOSE_HEADERS,
        vary: "Origin",
      });
    }
    // Closed paths send nothing; listed ones vary by origin even when this caller is not on the list.
    return origins.size > 0 ? withHeaders(response, { vary: "Origin" }) : response;
  };
}
