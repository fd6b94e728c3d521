import type { TimeSeriesSeries } from "../../primitives/TimeSeries.js";
import { ERROR_TYPE_LABELS, type ErrorsData, type ErrorTypeName } from "../ErrorTypes/prepare.js";

/** Key of the stack layer that sums the error types beyond the top ones. */
export const REST_KEY = "otherTypes";

/** One bucket of the error-rate line; a null rate is a bucket without requests. */
export interface ErrorRatePoint {
  t: string;
  errorRate: number | null;
  [key: string]: unknown;
}

/** One bucket of the stacked failures: a count per shown type (and REST_KEY). */
export interface ErrorTypePoint {
  t: string;
  [key: string]: unknown;
}

/** The ErrorTrend figures, ready to show. */
export interface ErrorTrendViewData {
  errorRate: number | null;
  /** The previous period's error rate; undefined when not compared or unknown there. */
  previousErrorRate: number | undefined;
  /** Compared, but the previous period had no requests: no delta to show. */
  noPrevious: boolean;
  errors: number;
  requests: number;
  rateSeries: ErrorRatePoint[];
  /** Stack layers, bottom first: the most frequent types, then the rest together. */
  typeSeries: TimeSeriesSeries[];
  typePoints: ErrorTypePoint[];
}

/** Nothing to show: no request in the range (a range with requests and no failure shows a flat 0 %). */
export function isErrorTrendEmpty(data: ErrorsData): boolean {
  return data.requests === 0;
}

/**
 * `kpi.errors` → the error rate per bucket and failures per bucket stacked by type: the `maxTypes` most
 * frequent types over the range each get a colour slot, every other type is summed into one grey layer.
 */
export function prepareErrorTrend(data: ErrorsData, maxTypes = 5): ErrorTrendViewData {
  const ranked = data.byType.filter((row) => row.count > 0).sort((a, b) => b.count - a.count);
  // Folding a single leftover type into "other types" would only hide its name.
  const shownCount = ranked.length <= maxTypes + 1 ? ranked.length : maxTypes;
  const shown: ErrorTypeName[] = ranked.slice(0, shownCount).map((row) => row.errorType);
  const hasRest = ranked.length > shownCount;
  const typeSeries: TimeSeriesSeries[] = shown.map((type, i) => ({
    key: type,
    label: ERROR_TYPE_LABELS[type],
    color: `var(--pm-chart-${(i % 5) + 1})`,
  }));
  if (hasRest) typeSeries.push({ key: REST_KEY, label: "Other types", color: "var(--pm-muted-foreground)" });

  const typePoints = data.series.map((point) => {
    const row: ErrorTypePoint = { t: point.t };
    for (const type of shown) row[type] = point.types[type] ?? 0;
    if (hasRest) {
      row[REST_KEY] = Object.entries(point.types).reduce((sum, [type, n]) => (shown.includes(type as ErrorTypeName) ? sum : sum + n), 0);
    }
    return row;
  });

  const previous = data.previous?.errorRate;
  return {
    errorRate: data.errorRate,
    previousErrorRate: previous ?? undefined,
    noPrevious: data.previous !== null && previous === null,
    errors: data.errors,
    requests: data.requests,
    rateSeries: data.series.map((point) => ({ t: point.t, errorRate: point.errorRate })),
    typeSeries,
    typePoints,
  };
}
