import type { ReliabilityFigures, ReliabilityOutput, ReliabilityRow } from "@promptmeter/schema";
import type { Store } from "../db/dialect/types.js";
import { failureStreaks } from "./failure-streaks.js";
import { minuteHealth } from "./minute-health.js";
import { previousScope, type Scope } from "./scope.js";
import { ratio } from "./summaries.js";

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);
// Code-unit order: the same on every machine, unlike localeCompare.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function measure(store: Store, scope: Scope): Promise<{ figures: ReliabilityFigures; rows: ReliabilityRow[] }> {
  const [health, streaks] = await Promise.all([minuteHealth(store, scope), failureStreaks(store, scope)]);
  const streaksOf = new Map(streaks.map((s) => [`${s.provider}\u0000${s.model}`, s]));
  const rows: ReliabilityRow[] = health.map((h) => {
    const s = streaksOf.get(`${h.provider}\u0000${h.model}`);
    return {
      provider: h.provider,
      model: h.model,
      availability: 1 - h.downMinutes / h.trafficMinutes,
      incidents: h.incidents,
      mttrMs: mean(s?.recoveries ?? []),
      ongoing: s?.ongoing ?? 0,
    };
  });
  rows.sort((a, b) => a.availability - b.availability || cmp(a.provider, b.provider) || cmp(a.model, b.model));
  const traffic = health.reduce((n, h) => n + h.trafficMinutes, 0);
  const down = health.reduce((n, h) => n + h.downMinutes, 0);
  const figures: ReliabilityFigures = {
    availability: ratio(traffic - down, traffic),
    mttrMs: mean(streaks.flatMap((s) => s.recoveries)),
    incidentCount: rows.reduce((n, r) => n + r.incidents.length, 0),
    ongoing: rows.reduce((n, r) => n + r.ongoing, 0),
  };
  return { figures, rows };
}

/** kpi.reliability: availability, incidents and recovery time per provider+model. */
export async function reliability(store: Store, scope: Scope, compare: boolean): Promise<ReliabilityOutput> {
  const [current, previous] = await Promise.all([measure(store, scope), compare ? measure(store, previousScope(scope)) : null]);
  return { ...current.figures, rows: current.rows, previous: previous?.figures ?? null };
}
