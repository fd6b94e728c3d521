"use client";
import type { ReactNode } from "react";
import { Stat } from "../../primitives/Stat.js";
import { TimeSeries } from "../../primitives/TimeSeries.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { BudgetView, CostViewData } from "./prepare.js";

export interface CostCardViewProps {
  /** Prepared figures (see `prepareCost`). */
  data: CostViewData;
  /** Locale of numbers and dates (default the provider's). */
  locale?: string | undefined;
  /** Time zone of the month name and bucket labels (default the provider's). */
  timeZone?: string | undefined;
}

const SPARK_SERIES = [{ key: "costUsd", label: "Spend" }] as const;

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** Spend with its delta, the month's projection, the budget bar and a spend sparkline. */
export function CostCardView({ data, locale, timeZone }: CostCardViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  const month = new Intl.DateTimeFormat(f.locale, { month: "long", timeZone: f.timeZone }).format(new Date(data.forecast.monthStart));
  const { forecast } = data;
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="In this range"
          value={data.total}
          format={f.currency}
          previous={data.previousTotal}
          goodDirection="down"
          hint={
            data.comparison === "no-data"
              ? "No priced requests in the previous period"
              : data.perRequest !== null
                ? `${f.currency(data.perRequest)} per priced request`
                : undefined
          }
          locale={locale}
        />
        <Stat
          label={`Projected for ${month}`}
          size="small"
          value={forecast.projectedMonth}
          format={f.currency}
          hint={`${f.currency(forecast.monthToDate)} so far, ${f.currency(forecast.trailingDailyMean)} a day lately`}
          locale={locale}
        />
      </div>
      {data.budget && (
        <BudgetBar
          budget={data.budget}
          monthToDate={forecast.monthToDate}
          projected={forecast.projectedMonth}
          month={month}
          locale={locale}
        />
      )}
      <div>
        <p className="pm-section-title">Spend over time</p>
        <TimeSeries
          data={data.series}
          series={SPARK_SERIES}
          variant="area"
          axes={false}
          height={56}
          label="Spend per bucket"
          formatValue={f.currency}
          locale={locale}
          timeZone={timeZone}
        />
      </div>
      {data.unpricedRequests > 0 && (
        <p className="pm-footnote">
          {f.number(data.unpricedRequests, 0)} {plural(data.unpricedRequests, "request uses a model", "requests use models")} without a
          known price: not counted in these figures.
        </p>
      )}
    </div>
  );
}

interface BudgetBarProps {
  budget: BudgetView;
  monthToDate: number;
  projected: number;
  month: string;
  locale?: string | undefined;
}

/** This month's spend and projection against the budget on one bar, with the budget marked. */
function BudgetBar({ budget, monthToDate, projected, month, locale }: BudgetBarProps): ReactNode {
  const f = useFormatters(locale);
  const pct = (fraction: number) => `${Math.min(100, Math.max(0, fraction * 100))}%`;
  const tone = budget.overBudget || budget.projectedOverBudget ? "pm-tone-bad" : "pm-tone-good";
  const status = budget.overBudget
    ? `Over budget by ${f.currency(monthToDate - budget.budgetUsd)}`
    : budget.projectedOverBudget
      ? `Projected ${f.currency(projected - budget.budgetUsd)} over budget`
      : `Projected ${f.currency(budget.budgetUsd - projected)} under budget`;
  const summary = `${f.currency(monthToDate)} of ${f.currency(budget.budgetUsd)} (${f.percent(budget.spentShare)})`;
  return (
    <div className="pm-budget">
      <div className="pm-budget-head">
        <span>{month} budget</span>
        <span className="pm-budget-figure">{summary}</span>
      </div>
      {/* The words above and below carry the same figures; the bar is for the eye. */}
      <div className="pm-budget-track" aria-hidden="true">
        <div
          className={budget.projectedOverBudget ? "pm-budget-projected pm-budget-over" : "pm-budget-projected"}
          style={{ width: pct(budget.bar.projected) }}
        />
        <div
          className={budget.overBudget ? "pm-budget-spent pm-budget-over" : "pm-budget-spent"}
          style={{ width: pct(budget.bar.spent) }}
        />
        <div className="pm-budget-mark" style={{ left: pct(budget.bar.budget) }} />
      </div>
      <span className={`pm-budget-status ${tone}`}>{status}</span>
    </div>
  );
}
