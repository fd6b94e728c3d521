import type { RouterOutputs } from "@promptmeter/server";
import type { BarListItem } from "../../primitives/bar-list-rows.js";

/** What `kpi.reliability` answers. */
export type ReliabilityData = RouterOutputs["kpi"]["reliability"];

/** The RecoveryTime figures, ready to show. */
export interface RecoveryTimeViewData {
  /** Mean time to recovery over every recovered failure streak; null when none recovered. */
  mttrMs: number | null;
  /** The previous period's MTTR; undefined when not compared or unknown there. */
  previousMttrMs: number | undefined;
  /** Compared, but no failure streak recovered in the previous period: no delta to show. */
  noPrevious: boolean;
  /** Failure streaks with no success after them in the range. */
  ongoing: number;
  /** Provider + model rows with a recovered streak, slowest recovery first; the value is mttrMs. */
  bars: BarListItem[];
  /** Provider + model rows with traffic but no recovered streak (no failure streak, or only ongoing ones). */
  withoutRecovery: number;
}

/** Nothing to show: no provider + model had traffic in the range. */
export function isRecoveryEmpty(data: ReliabilityData): boolean {
  return data.rows.length === 0;
}

/** `kpi.reliability` → overall MTTR and ongoing streaks, and MTTR per provider + model, slowest first. */
export function prepareRecoveryTime(data: ReliabilityData, formatOngoing: (count: number) => string): RecoveryTimeViewData {
  const recovered = data.rows.filter((row): row is typeof row & { mttrMs: number } => row.mttrMs !== null);
  const bars = recovered
    .sort((a, b) => b.mttrMs - a.mttrMs || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model))
    .map((row) => ({
      key: `${row.provider}\u0000${row.model}`,
      label: `${row.provider} · ${row.model}`,
      value: row.mttrMs,
      detail: row.ongoing > 0 ? formatOngoing(row.ongoing) : undefined,
    }));
  return {
    mttrMs: data.mttrMs,
    previousMttrMs: data.previous?.mttrMs ?? undefined,
    noPrevious: data.previous !== null && data.previous.mttrMs === null,
    ongoing: data.ongoing,
    bars,
    withoutRecovery: data.rows.length - recovered.length,
  };
}
