import type { Services } from "../context.js";
import { ingestFeedback } from "../ingest/ingest-feedback.js";
import { type DatasetOptions, type GeneratedItem, generateEvents } from "./generate.js";

export interface SeedProgress {
  events: number;
  total: number;
}

/**
 * Writes a generated dataset for one project through the real ingest path (validation,
 * pricing, rollups), in batches of 1,000. Returns the counts stored.
 */
export async function seedStore(
  services: Services,
  projectId: string,
  options: DatasetOptions = {},
  onProgress?: (p: SeedProgress) => void,
): Promise<{ events: number; feedback: number }> {
  const total = options.events ?? 200_000;
  let events: GeneratedItem["event"][] = [];
  let feedback: NonNullable<GeneratedItem["feedback"]>[] = [];
  let storedEvents = 0;
  let storedFeedback = 0;
  let seen = 0;
  const flush = async () => {
    if (events.length > 0) {
      const r = await services.events.ingest(projectId, events);
      storedEvents += r.accepted;
      events = [];
    }
    // Feedback refers to events by id, so it is written after the events it follows.
    if (feedback.length > 0) {
      const r = await ingestFeedback(services.store, projectId, feedback);
      storedFeedback += r.accepted;
      feedback = [];
    }
    onProgress?.({ events: seen, total });
  };
  for (const item of generateEvents(options)) {
    events.push(item.event);
    if (item.feedback) feedback.push(item.feedback);
    seen += 1;
    if (events.length === 1000) await flush();
  }
  await flush();
  // Build the reliability hours now rather than on the first dashboard load.
  await services.store.refreshReliability(projectId, 0, Number.MAX_SAFE_INTEGER);
  return { events: storedEvents, feedback: storedFeedback };
}
