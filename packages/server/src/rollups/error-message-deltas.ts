import { createHash } from "node:crypto";
import type { RollupErrorMessagesHourlyTable } from "../db/tables.js";
import type { EventRow } from "./deltas.js";

const HOUR = 3_600_000;

export type ErrorMessageDelta = RollupErrorMessagesHourlyTable;

/** The key a raw error message is grouped under: '' for none, else its md5 hex (what PostgreSQL's md5() returns for the same text). */
export function errorMessageKey(message: string | null): string {
  return message === null ? "" : createHash("md5").update(message, "utf8").digest("hex");
}

/** A batch's newly stored failures, counted per project, hour, error type and raw message, in key order. */
export function errorMessageDeltas(rows: readonly EventRow[]): ErrorMessageDelta[] {
  const deltas = new Map<string, ErrorMessageDelta>();
  const keys = new Map<string, string>();
  for (const e of rows) {
    if (e.status !== "error") continue;
    const hour = Math.floor(e.ts / HOUR) * HOUR;
    const errorType = e.error_type ?? "";
    let messageKey = e.error_message === null ? "" : keys.get(e.error_message);
    if (messageKey === undefined) {
      messageKey = errorMessageKey(e.error_message);
      keys.set(e.error_message as string, messageKey);
    }
    const k = `${e.project_id}\u0000${hour}\u0000${errorType}\u0000${messageKey}`;
    const d = deltas.get(k);
    if (d) {
      d.failures += 1;
      if (e.ts > d.last_ts) d.last_ts = e.ts;
    } else {
      deltas.set(k, {
        project_id: e.project_id,
        hour,
        error_type: errorType,
        message_key: messageKey,
        error_message: e.error_message,
        failures: 1,
        last_ts: e.ts,
      });
    }
  }
  return [...deltas.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, d]) => d);
}
