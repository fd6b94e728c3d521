import { type IngestResult, makeLlmEventParser } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { uuidv7 } from "../ids.js";
import { priceEvent } from "../pricing/price-event.js";
import type { PriceOverrideCache } from "../pricing/price-overrides.js";
import type { EventRow } from "../rollups/deltas.js";
import { toEventRow } from "./event-row.js";
import { redactEvent } from "./redact.js";
import { validateItems } from "./validate-items.js";

export interface EventIngestor {
  /** Validates, prices and stores a batch for one project in one transaction. */
  ingest(projectId: string, events: readonly unknown[]): Promise<IngestResult>;
}

export interface EventIngestorOptions {
  /** Largest `input`/`output` payload in bytes. */
  maxPayloadBytes?: number;
  /** Redact emails, card numbers, API keys and bearer tokens in payloads and errorMessage before storing. */
  redact?: boolean;
}

export function createEventIngestor(store: Store, prices: PriceOverrideCache, options: EventIngestorOptions = {}): EventIngestor {
  const parser = makeLlmEventParser(options.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: options.maxPayloadBytes });
  return {
    async ingest(projectId, events) {
      const { valid, rejected } = validateItems(parser.schema, events, "event", parser.fast);
      if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };

      const overrideFor = await prices.forProject(projectId);
      const now = Date.now();
      const rows: EventRow[] = [];
      const payloads: { event_id: string; input: string | null; output: string | null }[] = [];
      const seen = new Set<string>();
      let inBatchRepeats = 0;
      for (const { value } of valid) {
        const e = options.redact ? redactEvent(value) : value;
        const id = e.id ?? uuidv7(now);
        // A repeated id within one batch is a resend like any other: the first copy wins.
        if (seen.has(id)) {
          inBatchRepeats += 1;
          continue;
        }
        seen.add(id);
        const ts = e.timestamp ?? now;
        const cost = priceEvent({
          provider: e.provider,
          model: e.model,
          usage: e.usage,
          costUsd: e.costUsd,
          cacheHit: e.cacheHit,
          timestamp: ts,
          override: overrideFor(e.provider, e.model),
        });
        rows.push(toEventRow(projectId, id, ts, e, cost));
        if (e.input !== undefined || e.output !== undefined) {
          payloads.push({
            event_id: id,
            input: e.input === undefined ? null : JSON.stringify(e.input),
            output: e.output === undefined ? null : JSON.stringify(e.output),
          });
        }
      }
      const { inserted } = await store.writeEvents({ projectId, rows, payloads });
      return { accepted: inserted, duplicates: rows.length - inserted + inBatchRepeats, rejected };
    },
  };
}
