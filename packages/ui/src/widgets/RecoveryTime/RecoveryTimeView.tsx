"use client";
import { type ReactNode, useState } from "react";
import { BarList } from "../../primitives/BarList.js";
import { Stat } from "../../primitives/Stat.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { RecoveryTimeViewData } from "./prepare.js";

export interface RecoveryTimeViewProps {
  /** Prepared figures (see `prepareRecoveryTime`). */
  data: RecoveryTimeViewData;
  /** Rows shown before "Show all" (default 8; the slowest come first). */
  limit?: number;
  /** Locale of numbers (default the provider's). */
  locale?: string | undefined;
}

/** Overall mean time to recovery with its delta and ongoing streaks, then MTTR per provider + model as bars. */
export function RecoveryTimeView({ data, limit = 8, locale }: RecoveryTimeViewProps): ReactNode {
  const f = useFormatters(locale);
  const [showAll, setShowAll] = useState(false);
  const bars = showAll ? data.bars : data.bars.slice(0, limit);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Mean time to recovery"
          value={data.mttrMs}
          format={f.duration}
          previous={data.previousMttrMs}
          goodDirection="down"
          hint={data.noPrevious ? "No data in the previous period" : undefined}
          locale={locale}
        />
        <Stat
          label="Ongoing failure streaks"
          size="small"
          value={data.ongoing}
          format={(value) => f.number(value, 0)}
          hint="no success after them in the range"
        />
      </div>
      {bars.length > 0 ? (
        <BarList items={bars} formatValue={f.duration} label="Mean time to recovery by provider and model" color="var(--pm-chart-3)" />
      ) : (
        <p className="pm-card-subtitle">No failure streak recovered in this range.</p>
      )}
      {data.bars.length > limit && (
        <button type="button" className="pm-button pm-show-all" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
          {showAll ? "Show fewer" : `Show all ${f.number(data.bars.length, 0)} models`}
        </button>
      )}
      {data.withoutRecovery > 0 && (
        <p className="pm-card-subtitle">
          {f.number(data.withoutRecovery, 0)} {data.withoutRecovery === 1 ? "model" : "models"} without a recovered failure streak
        </p>
      )}
    </div>
  );
}
