import { LIMITS, type LlmEventInput } from "@promptmeter/schema";
import type { KeyGrant } from "../auth/api-keys.js";
import type { Services } from "../context.js";
import type { RateLimiter } from "../http/rate-limiter.js";
import { apiError } from "../http/responses.js";
import { decodeTraces, OtlpDecodeError, type OtlpFormat } from "./decode.js";
import { mapSpan } from "./map-span.js";
import { readOtlpBody } from "./read-otlp-body.js";
import { exportResponse, statusError } from "./respond.js";

export interface TracesDeps {
  services: Services;
  grantOf(request: Request): Promise<KeyGrant | null>;
  limiter: RateLimiter;
  maxBodyBytes: number;
}

function formatOf(contentType: string | null): OtlpFormat | null {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  return null;
}

/** Stores GenAI spans as events and answers how many were rejected; see SPEC.md §3. */
async function ingestSpans(services: Services, projectId: string, body: Uint8Array, format: OtlpFormat): Promise<Response> {
  let spans: ReturnType<typeof decodeTraces>;
  try {
    spans = decodeTraces(body, format);
  } catch (error) {
    if (error instanceof OtlpDecodeError) return statusError(400, format, error.message);
    throw error;
  }
  const events: LlmEventInput[] = [];
  const problems: string[] = [];
  let ignored = 0;
  for (const span of spans) {
    const outcome = mapSpan(span);
    if (outcome.kind === "event") events.push(outcome.event);
    else if (outcome.kind === "ignored") ignored += 1;
    else problems.push(`span ${span.spanId || "?"} (${span.name}): ${outcome.message}`);
  }
  let rejected = problems.length;
  // The ingestor takes the same batch size as /v1/events; exporters rarely send more per request.
  for (let start = 0; start < events.length; start += LIMITS.batchEvents) {
    const chunk = events.slice(start, start + LIMITS.batchEvents);
    const result = await services.events.ingest(projectId, chunk);
    const bad = new Map<number, string>();
    for (const r of result.rejected) if (!bad.has(r.index)) bad.set(r.index, `${r.path} ${r.message}`);
    rejected += bad.size;
    for (const [index, message] of bad) problems.push(`span ${chunk[index]?.id?.slice(32) ?? "?"}: ${message}`);
  }
  const notes: string[] = [];
  if (rejected > 0) notes.push(`${rejected} GenAI span(s) rejected: ${problems.slice(0, 5).join("; ")}`);
  // A warning (rejectedSpans 0 with a message) per the OTLP spec: these spans are not errors, just not ours.
  if (ignored > 0) notes.push(`${ignored} span(s) without gen_ai request attributes ignored`);
  return exportResponse(format, rejected, notes.join(". "));
}

/** `POST /v1/traces`: OTLP/HTTP in JSON or protobuf, authorised by an ingest key. */
export async function handleTraces(request: Request, deps: TracesDeps): Promise<Response> {
  const format = formatOf(request.headers.get("content-type"));
  if (!format) return apiError(415, "unsupported_media_type", "send OTLP as application/json or application/x-protobuf");
  if (request.method !== "POST") return statusError(405, format, "use POST for /v1/traces", { allow: "POST" });
  const grant = await deps.grantOf(request);
  if (!grant) return statusError(401, format, "missing or invalid API key: send Authorization: Bearer pm_ingest_…");
  if (grant.kind !== "ingest") return statusError(403, format, "this key cannot ingest; use an ingest key (pm_ingest_…)");
  const wait = deps.limiter.take(grant.keyId);
  if (wait > 0) return statusError(429, format, `too many requests for this key; retry in ${wait} s`, { "retry-after": String(wait) });
  const encoding = (request.headers.get("content-encoding") ?? "identity").toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") {
    return statusError(415, format, `content-encoding ${encoding} is not accepted; send gzip or uncompressed`);
  }
  const body = await readOtlpBody(request, deps.maxBodyBytes);
  if (!body.ok) {
    return body.reason === "too_large"
      ? statusError(413, format, `body exceeds ${deps.maxBodyBytes} bytes`)
      : statusError(400, format, "body is not valid gzip");
  }
  return ingestSpans(deps.services, grant.projectId, body.bytes, format);
}
