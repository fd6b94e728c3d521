import type { Filters } from "@promptmeter/schema";
import { sql } from "kysely";
import type { Store } from "../db/dialect/types.js";
import { DAY, HOUR, orderedReliabilityEvents, reliabilitySummaryOf, SLICE } from "../rollups/reliability-hours.js";
import { foldReliability, type ReliabilitySummary, type ReliabilityTotals, summarizeReliability } from "../rollups/reliability-summary.js";
import type { Scope } from "./scope.js";

/** True when the filters name at most a provider and a model: the only dimensions of the reliability and minute rollups. */
export function providerModelOnly(f: Filters): boolean {
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
 * Reliability per provider+model from stored summaries, coarsest first: rollup_reliability_daily
 * for the range's whole UTC days, rollup_reliability_hourly for the whole hours around them,
 * rollup_reliability_slices for the whole 10-minute slices around those (stale hours rebuilt
 * first), and the partial slices at the edges summarized from their events; merged in time order.
 * Null when the filters, or a range without one whole slice, leave it to the raw-event path.
 */
export async function reliabilityFromRollup(store: Store, scope: Scope): Promise<ReliabilityTotals[] | null> {
  const { from, to } = scope.interval;
  const s1 = Math.ceil(from / SLICE) * SLICE;
  const s2 = Math.floor(to / SLICE) * SLICE;
  if (!providerModelOnly(scope.filters) || s1 >= s2) return null;
  // [from, s1) raw · [s1, a) slices · [a, d1) hours · [d1, d2) days · [d2, b) hours · [b, s2) slices · [s2, to) raw
  let a = Math.ceil(from / HOUR) * HOUR;
  let b = Math.floor(to / HOUR) * HOUR;
  if (a >= b) a = b = s2;
  let d1 = Math.ceil(a / DAY) * DAY;
  let d2 = Math.floor(b / DAY) * DAY;
  if (d1 >= d2) d1 = d2 = b;
  const { provider, model } = scope.filters;
  const only = { provider, model };
  await store.refreshReliability(scope.projectId, s1 - (s1 % HOUR), s2);
  /** A table's rows within the spans, in time order, with their slice, hour or day as `at`. */
  const rows = (
    table: "rollup_reliability_slices" | "rollup_reliability_hourly" | "rollup_reliability_daily",
    column: "slice" | "hour" | "day",
    spans: [number, number][],
  ) => {
    const at = sql<number>`${sql.ref(column)}`;
    let q = store.db
      .selectFrom(table as "rollup_reliability_slices")
      .where("project_id", "=", scope.projectId)
      .where((eb) => eb.or(spans.map(([x, y]) => eb.and([eb(at, ">=", x), eb(at, "<", y)]))))
      .selectAll()
      .select(at.as("at"))
      .orderBy(at);
    if (provider !== undefined) q = q.where("provider", "=", provider);
    if (model !== undefined) q = q.where("model", "=", model);
    return q.execute();
  };
  const [head, slices, hours, days, tail] = await Promise.all([
    from < s1 ? orderedReliabilityEvents(store.db, scope.projectId, from, s1, only) : [],
    rows("rollup_reliability_slices", "slice", [
      [s1, a],
      [b, s2],
    ]),
    rows("rollup_reliability_hourly", "hour", [
      [a, d1],
      [d2, b],
    ]),
    d1 < d2 ? rows("rollup_reliability_daily", "day", [[d1, d2]]) : [],
    s2 < to ? orderedReliabilityEvents(store.db, scope.projectId, s2, to, only) : [],
  ]);

  const byModel = new Map<string, ReliabilitySummary[]>();
  const add = (s: ReliabilitySummary) => {
    const key = `${s.provider}\u0000${s.model}`;
    const list = byModel.get(key);
    if (list) list.push(s);
    else byModel.set(key, [s]);
  };
  for (const s of summarizeReliability(head)) add(s);
  for (const row of slices) if (Number(row.at) < a) add(reliabilitySummaryOf(row));
  for (const row of hours) if (Number(row.at) < d1) add(reliabilitySummaryOf(row));
  for (const row of days) add(reliabilitySummaryOf(row));
  for (const row of hours) if (Number(row.at) >= d2) add(reliabilitySummaryOf(row));
  for (const row of slices) if (Number(row.at) >= b) add(reliabilitySummaryOf(row));
  for (const s of summarizeReliability(tail)) add(s);
  return [...byModel.values()].map((list) => foldReliability(list)!);
}
