import { Feedback, type IngestResult } from "@promptmeter/schema";
import type { FeedbackRow, Store } from "../db/dialect/types.js";
import { uuidv7 } from "../ids.js";
import { validateItems } from "./validate-items.js";

/** Validates and stores a feedback batch for one project; resent ids count as duplicates. */
export async function ingestFeedback(store: Store, projectId: string, items: readonly unknown[]): Promise<IngestResult> {
  const { valid, rejected } = validateItems(Feedback, items, "feedback");
  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };
  const now = Date.now();
  const seen = new Set<string>();
  const rows: FeedbackRow[] = [];
  for (const { value: f } of valid) {
    const id = f.id ?? uuidv7(now);
    if (seen.has(id)) continue;
    seen.add(id);
    rows.push({
      project_id: projectId,
      id,
      event_id: f.eventId ?? null,
      session_id: f.sessionId ?? null,
      user_id: f.userId ?? null,
      ts: f.timestamp ?? now,
      score: f.score,
      thumbs: f.thumbs ?? null,
      stars: f.stars ?? null,
      sentiment: f.sentiment,
      comment: f.comment ?? null,
    });
  }
  const { inserted } = await store.writeFeedback(rows);
  return { accepted: inserted, duplicates: valid.length - inserted, rejected };
}
