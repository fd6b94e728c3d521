import type { ReliabilityFigures, ReliabilityOutput, ReliabilityRow } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import type { ReliabilityTotals } from "../rollups/reliability-summary.js";
import { failureStreaks } from "./failure-streaks.js";
import { minuteHealth } from "./minute-health.js";
import { reliabilityFromRollup } from "./reliability-rollup.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

// Code-unit order: the same on every machine, unlike localeCompare.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The same totals from raw events: filtered scopes and ranges shorter than an hour. */
async function reliabilityFromEvents(store: Store, scope: Scope): Promise<ReliabilityTotals[]> {
  const [health, streaks] = await Promise.all([minuteHealth(store, scope), failureStreaks(store, scope)]);
  const streaksOf = new Map(streaks.map((s) => [`${s.provider}\u0000${s.model}`, s]));
  return health.map((h) => {
    const s = streaksOf.get(`${h.provider}\u0000${h.model}`);
    return {
      ...h,
      recovered: s?.recoveries.length ?? 0,
      recoveryMs: s?.recoveries.reduce((sum, ms) => sum + ms, 0) ?? 0,
      ongoing: s?.ongoing ?? 0,
    };
  });
}

async function measure(store: Store, scope: Scope): Promise<{ figures: ReliabilityFigures; rows: ReliabilityRow[] }> {
  const totals = (await reliabilityFromRollup(store, scope)) ?? (await reliabilityFromEvents(store, scope));
  const rows: ReliabilityRow[] = totals.map((t) => ({
    provider: t.provider,
    model: t.model,
    availability: 1 - t.downMinutes / t.trafficMinutes,
    incidents: t.incidents,
    mttrMs: t.recovered === 0 ? null : t.recoveryMs / t.recovered,
    ongoing: t.ongoing,
  }));
  rows.sort((a, b) => a.availability - b.availability || cmp(a.provider, b.provider) || cmp(a.model, b.model));
  const sum = (pick: (t: ReliabilityTotals) => number) => totals.reduce((n, t) => n + pick(t), 0);
  const traffic = sum((t) => t.trafficMinutes);
  const recovered = sum((t) => t.recovered);
  const figures: ReliabilityFigures = {
    availability: ratio(traffic - sum((t) => t.downMinutes), traffic),
    // The mean over every recovered streak of every model.
    mttrMs: recovered === 0 ? null : sum((t) => t.recoveryMs) / recovered,
    incidentCount: rows.reduce((n, r) => n + r.incidents.length, 0),
    ongoing: sum((t) => t.ongoing),
  };
  return { figures, rows };
}

/** kpi.reliability: availability, incidents and recovery time per provider+model. */
export async function reliability(store: Store, scope: Scope, compare: boolean): Promise<ReliabilityOutput> {
  const [current, previous] = await Promise.all([measure(store, scope), compare ? measure(store, previousScope(scope)) : null]);
  return { ...current.figures, rows: current.rows, previous: previous?.figures ?? null };
}
