import { EXPORT_INCLUDES, type ExportLine, ExportQuery } from "@promptmeter/schema";
import type { KeyGrant } from "../auth/api-keys.js";
import type { Services } from "../context.js";
import type { Store } from "../db/dialect/types.js";
import { logger } from "../logger.js";
import { type EventCursor, eventPage, feedbackForEvents, payloadsForEvents, toLogRow } from "../queries/logs.js";
import { resolveRange } from "../time/index.js";
import type { RateLimiter } from "./rate-limiter.js";
import { apiError } from "./responses.js";

export interface ExportDeps {
  services: Services;
  grantOf(request: Request): Promise<KeyGrant | null>;
  limiter: RateLimiter;
}

/** Events per database round trip: what the export holds in memory at a time. */
export const EXPORT_PAGE = 500;

const FILTER_PARAMS = ["model", "provider", "userId", "environment", "feature", "release", "status"] as const;
const KNOWN_PARAMS = new Set<string>([...FILTER_PARAMS, "from", "to", "last", "tags", "minScore", "include"]);

/** Epoch-ms digits as a number, anything else as the ISO string the schema parses. */
function instantParam(value: string): string | number {
  return /^\d+$/.test(value) ? Number(value) : value;
}

function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Decodes the URL's query into an ExportQuery, or says what is wrong with it. */
export function parseExportParams(params: URLSearchParams): { ok: true; query: ExportQuery } | { ok: false; message: string } {
  for (const name of params.keys()) {
    // A mistyped filter must not silently widen an export.
    if (!KNOWN_PARAMS.has(name)) return { ok: false, message: `unknown query parameter ${name}` };
  }
  const raw: Record<string, unknown> = {};
  const from = params.get("from");
  const to = params.get("to");
  const last = params.get("last");
  if (from !== null || to !== null) {
    if (from === null) return { ok: false, message: "to needs from" };
    raw.range = { from: instantParam(from), to: to === null ? Date.now() : instantParam(to) };
  } else if (last !== null) {
    raw.range = { last };
  }
  const filters: Record<string, unknown> = {};
  for (const name of FILTER_PARAMS) {
    const v = params.get(name);
    if (v !== null) filters[name] = v;
  }
  const tags = listParam(params, "tags");
  if (tags.length > 0) filters.tags = tags;
  raw.filters = filters;
  const minScore = params.get("minScore");
  if (minScore !== null) raw.minScore = minScore.trim() === "" ? Number.NaN : Number(minScore);
  raw.include = listParam(params, "include");
  const parsed = ExportQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "query";
    const hint = where.startsWith("include") ? ` (allowed: ${EXPORT_INCLUDES.join(", ")})` : "";
    return { ok: false, message: `${where}: ${issue?.message ?? "invalid"}${hint}` };
  }
  return { ok: true, query: parsed.data };
}

/**
 * JSONL of the project's events oldest first, one page of EXPORT_PAGE events per pull: the
 * stream asks for the next page only when the client has taken the previous one, so memory
 * stays bounded whatever the export's size.
 */
export function exportStream(store: Store, projectId: string, query: ExportQuery): ReadableStream<Uint8Array> {
  const interval = resolveRange(query.range);
  const withPayloads = query.include.includes("payloads");
  const withFeedback = query.include.includes("feedback");
  const encoder = new TextEncoder();
  let after: EventCursor | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const rows = await eventPage(store, {
            projectId,
            interval,
            filters: query.filters,
            minScore: query.minScore,
            after,
            order: "asc",
            limit: EXPORT_PAGE,
          });
          const ids = rows.map((r) => r.id);
          const [payloads, feedback] = await Promise.all([
            withPayloads ? payloadsForEvents(store, projectId, ids) : null,
            withFeedback ? feedbackForEvents(store, projectId, ids) : null,
          ]);
          let text = "";
          for (const r of rows) {
            const line: ExportLine = toLogRow(r);
            if (payloads) {
              const p = payloads.get(r.id);
              line.input = p?.input ?? null;
              line.output = p?.output ?? null;
            }
            if (feedback) line.feedback = feedback.get(r.id) ?? [];
            text += `${JSON.stringify(line)}\n`;
          }
          if (text !== "") controller.enqueue(encoder.encode(text));
          const last = rows[rows.length - 1];
          if (rows.length < EXPORT_PAGE || !last) controller.close();
          else after = { ts: Number(last.ts), seq: Number(last.seq) };
        } catch (error) {
          logger.error("export failed", { projectId, error: error instanceof Error ? error.message : String(error) });
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/** `GET /v1/export`: JSONL of events (+ payloads, + feedback) for datasets and fine-tuning, authorised by a read key. */
export async function handleExport(request: Request, deps: ExportDeps): Promise<Response> {
  if (request.method !== "GET") return apiError(405, "method_not_allowed", "use GET for /v1/export", { allow: "GET" });
  const grant = await deps.grantOf(request);
  if (!grant) return apiError(401, "unauthorized", "missing or invalid API key: send Authorization: Bearer pm_read_…");
  if (grant.kind !== "read") return apiError(403, "forbidden", "this key cannot read; use a read key (pm_read_…)");
  const wait = deps.limiter.take(grant.keyId);
  if (wait > 0) return apiError(429, "rate_limited", `too many requests for this key; retry in ${wait} s`, { "retry-after": String(wait) });
  const parsed = parseExportParams(new URL(request.url).searchParams);
  if (!parsed.ok) return apiError(400, "invalid_query", parsed.message);
  return new Response(exportStream(deps.services.store, grant.projectId, parsed.query), {
    status: 200,
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": 'attachment; filename="promptmeter-export.jsonl"',
      "cache-control": "no-store",
    },
  });
}
