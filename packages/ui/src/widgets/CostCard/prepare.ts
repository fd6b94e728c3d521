import type { RouterOutputs } from "@promptmeter/server";

/** What `kpi.cost` answers. */
export type CostData = RouterOutputs["kpi"]["cost"];

/** The month's spend against a budget, as fractions of one scale so that spend, projection and budget share a bar. */
export interface BudgetView {
  budgetUsd: number;
  /** monthToDate / budget (may exceed 1). */
  spentShare: number;
  /** projectedMonth / budget (may exceed 1). */
  projectedShare: number;
  /** The bar's parts as fractions of its length: the longest of spend, projection and budget fills it. */
  bar: { spent: number; projected: number; budget: number };
  /** Already over budget this month. */
  overBudget: boolean;
  /** Projected to end the month over budget. */
  projectedOverBudget: boolean;
}

/** The CostCard's figures, ready to show. */
export interface CostViewData {
  /** USD over priced requests; null when nothing was priced (an unknown spend is never $0). */
  total: number | null;
  /** The previous period's spend; undefined when not compared or nothing was priced then. */
  previousTotal: number | undefined;
  /** `off`: compare not asked; `no-data`: nothing priced in the previous period. */
  comparison: "off" | "no-data" | "ok";
  perRequest: number | null;
  /** Requests whose model has no price: counted apart, never as $0. */
  unpricedRequests: number;
  forecast: {
    /** Local midnight starting the month (for its name). */
    monthStart: string;
    monthToDate: number;
    projectedMonth: number;
    trailingDailyMean: number;
    daysLeft: number;
  };
  /** Null without a budget. */
  budget: BudgetView | null;
  /** Spend per bucket, for the sparkline. */
  series: Array<{ t: string; costUsd: number }>;
}

/** Nothing to show: no request at all in the range, priced or not. */
export function isCostEmpty(data: CostData): boolean {
  return data.pricedRequests + data.unpricedRequests === 0;
}

/** Spend, projection and budget on one bar; `null` without a budget. */
export function budgetView(monthToDate: number, projectedMonth: number, budgetUsd: number | null): BudgetView | null {
  if (budgetUsd === null || !(budgetUsd > 0)) return null;
  const scale = Math.max(budgetUsd, projectedMonth, monthToDate);
  return {
    budgetUsd,
    spentShare: monthToDate / budgetUsd,
    projectedShare: projectedMonth / budgetUsd,
    bar: { spent: monthToDate / scale, projected: projectedMonth / scale, budget: budgetUsd / scale },
    overBudget: monthToDate > budgetUsd,
    projectedOverBudget: projectedMonth > budgetUsd,
  };
}

/** `kpi.cost` → the card's figures; `budgetUsd` replaces the project's budget when given. */
export function prepareCost(data: CostData, budgetUsd?: number | null): CostViewData {
  const previous = data.previous;
  const comparison = previous === null ? "off" : previous.pricedRequests === 0 ? "no-data" : "ok";
  const { forecast } = data;
  return {
    total: data.pricedRequests > 0 ? data.total : null,
    previousTotal: comparison === "ok" && previous ? previous.total : undefined,
    comparison,
    perRequest: data.perRequest,
    unpricedRequests: data.unpricedRequests,
    forecast: {
      monthStart: forecast.monthStart,
      monthToDate: forecast.monthToDate,
      projectedMonth: forecast.projectedMonth,
      trailingDailyMean: forecast.trailingDailyMean,
      daysLeft: forecast.daysLeft,
    },
    budget: budgetView(forecast.monthToDate, forecast.projectedMonth, budgetUsd === undefined ? forecast.budgetUsd : budgetUsd),
    series: data.series.map((point) => ({ t: point.t, costUsd: point.costUsd })),
  };
}
