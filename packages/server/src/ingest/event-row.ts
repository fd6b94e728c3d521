import type { LlmEvent } from "@promptmeter/schema";
import type { PricedCost } from "../pricing/price-event.js";
import type { EventRow } from "../rollups/deltas.js";

const flag = (b: boolean): 0 | 1 => (b ? 1 : 0);

/** Maps a validated event to its narrow events-table row (payloads are stored apart). */
export function toEventRow(projectId: string, id: string, ts: number, e: LlmEvent, cost: PricedCost): EventRow {
  return {
    project_id: projectId,
    id,
    ts,
    provider: e.provider,
    model: e.model,
    response_model: e.responseModel ?? null,
    status: e.status,
    error_type: e.errorType ?? null,
    error_message: e.errorMessage ?? null,
    http_status: e.httpStatus ?? null,
    input_tokens: e.usage.inputTokens,
    output_tokens: e.usage.outputTokens,
    cache_read_tokens: e.usage.cacheReadTokens,
    cache_write_tokens: e.usage.cacheWriteTokens,
    reasoning_tokens: e.usage.reasoningTokens,
    cost_usd: cost.costUsd,
    cost_source: cost.costSource,
    latency_ms: e.latencyMs,
    ttft_ms: e.ttftMs ?? null,
    streamed: flag(e.streamed),
    retries: e.retries,
    fallback: flag(e.fallback),
    fallback_from: e.fallbackFrom ?? null,
    cache_hit: flag(e.cacheHit),
    user_id: e.userId ?? null,
    session_id: e.sessionId ?? null,
    trace_id: e.traceId ?? null,
    feature: e.feature ?? null,
    environment: e.environment,
    release: e.release ?? null,
    tags: e.tags && e.tags.length > 0 ? JSON.stringify(e.tags) : null,
    metadata: e.metadata && Object.keys(e.metadata).length > 0 ? JSON.stringify(e.metadata) : null,
    has_payload: flag(e.input !== undefined || e.output !== undefined),
  };
}
