import type { Filters } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { HOUR, orderedReliabilityEvents, reliabilitySummaryOf } from "../rollups/reliability-hours.js";
import { foldReliability, type ReliabilitySummary, type ReliabilityTotals, summarizeReliability } from "../rollups/reliability-summary.js";
import type { Scope } from "./scope.js";

/** rollup_reliability_hourly has only the provider and model dimensions. */
function rollupCanFilter(f: Filters): boolean {
  return (
    f.userId === undefined &&
    f.environment === undefined &&
    f.feature === undefined &&
    f.release === undefined &&
    f.status === undefined &&
    (f.tags === undefined || f.tags.length === 0)
  );
}

/**
 * Reliability per provider+model from whole hours of rollup_reliability_hourly (stale hours rebuilt
 * first) and the range's partial-hour edges summarized from their events, combined in time order.
 * Null when the filters or a range shorter than an hour leave it to the raw-event path.
 */
export async function reliabilityFromRollup(store: Store, scope: Scope): Promise<ReliabilityTotals[] | null> {
  const { from, to } = scope.interval;
  const a = Math.ceil(from / HOUR) * HOUR;
  const b = Math.floor(to / HOUR) * HOUR;
  if (!rollupCanFilter(scope.filters) || a >= b) return null;
  const only = { provider: scope.filters.provider, model: scope.filters.model };
  await store.refreshReliability(scope.projectId, a, b);
  let hours = store.db
    .selectFrom("rollup_reliability_hourly")
    .where("project_id", "=", scope.projectId)
    .where("hour", ">=", a)
    .where("hour", "<", b)
    .selectAll()
    .orderBy("hour");
  if (only.provider !== undefined) hours = hours.where("provider", "=", only.provider);
  if (only.model !== undefined) hours = hours.where("model", "=", only.model);
  const [head, middle, tail] = await Promise.all([
    from < a ? orderedReliabilityEvents(store.db, scope.projectId, from, a, only) : [],
    hours.execute(),
    b < to ? orderedReliabilityEvents(store.db, scope.projectId, b, to, only) : [],
  ]);

  const byModel = new Map<string, ReliabilitySummary[]>();
  const add = (s: ReliabilitySummary) => {
    const key = `${s.provider}\u0000${s.model}`;
    const list = byModel.get(key);
    if (list) list.push(s);
    else byModel.set(key, [s]);
  };
  for (const s of summarizeReliability(head)) add(s);
  for (const row of middle) add(reliabilitySummaryOf(row));
  for (const s of summarizeReliability(tail)) add(s);
  return [...byModel.values()].map((list) => foldReliability(list)!);
}
