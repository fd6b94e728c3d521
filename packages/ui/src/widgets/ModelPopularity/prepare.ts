import type { RouterOutputs } from "@promptmeter/server";
import type { TimeSeriesSeries } from "../../primitives/TimeSeries.js";

/** What `kpi.models` answers. */
export type ModelsData = RouterOutputs["kpi"]["models"];
type ModelRef = { provider: string; model: string };

/** One row of the popularity list: a provider + model, or the models beyond the top ones taken together. */
export interface ModelListRow {
  /** `provider/model`, or `other`. */
  key: string;
  /** The model name, with its provider when another provider serves a model of the same name. */
  label: string;
  requests: number;
  /** Part of all requests. */
  share: number;
  /** USD over priced requests. */
  costUsd: number;
  /** Requests without a price, counted apart (never as $0). */
  unpricedRequests: number;
  /** p95 latency in ms; null for the "other" row (percentiles do not add up) or without eligible requests. */
  p95: number | null;
  /** How many models the row stands for (1, or the count behind "other"). */
  models: number;
}

/** One bucket: requests of each top model (`m0` … `m4`) and of all the others. */
export interface ModelSeriesPoint {
  t: string;
  other: number;
  /** `m0` … `m4`, plus the index signature TimeSeries reads. */
  [key: string]: unknown;
}

/** The ModelPopularity figures, ready to show. */
export interface ModelsViewData {
  requests: number;
  models: number;
  rows: ModelListRow[];
  series: ModelSeriesPoint[];
  seriesKeys: TimeSeriesSeries[];
}

/** How many models the list shows before "other" unless told otherwise. */
export const DEFAULT_LIMIT = 8;

/** Nothing to show: no request at all in the range. */
export function isModelsEmpty(data: ModelsData): boolean {
  return data.requests === 0;
}

/** Names for models: the bare model name, or `model (provider)` when several providers serve that name. */
export function modelLabeler(refs: readonly ModelRef[]): (ref: ModelRef) => string {
  const providers = new Map<string, Set<string>>();
  for (const ref of refs) providers.set(ref.model, (providers.get(ref.model) ?? new Set()).add(ref.provider));
  return (ref) => ((providers.get(ref.model)?.size ?? 0) > 1 ? `${ref.model} (${ref.provider})` : ref.model);
}

/** The `limit` most requested models, then one row for all the others (when there are any). */
export function modelRows(data: ModelsData, limit: number): ModelListRow[] {
  const label = modelLabeler(data.rows);
  const top = data.rows.slice(0, Math.max(0, limit)).map((row) => ({
    key: `${row.provider}/${row.model}`,
    label: label(row),
    requests: row.requests,
    share: row.share ?? 0,
    costUsd: row.costUsd,
    unpricedRequests: row.unpricedRequests,
    p95: row.p95,
    models: 1,
  }));
  const rest = data.rows.slice(Math.max(0, limit));
  if (rest.length === 0) return top;
  const requests = rest.reduce((sum, row) => sum + row.requests, 0);
  return [
    ...top,
    {
      key: "other",
      label: `${rest.length} other ${rest.length === 1 ? "model" : "models"}`,
      requests,
      share: data.requests > 0 ? requests / data.requests : 0,
      costUsd: rest.reduce((sum, row) => sum + row.costUsd, 0),
      unpricedRequests: rest.reduce((sum, row) => sum + row.unpricedRequests, 0),
      p95: null,
      models: rest.length,
    },
  ];
}

/** The top-5 + other series with one layer per top model, coloured by rank; "other" in a muted colour on top. */
export function modelSeries(data: ModelsData): { series: ModelSeriesPoint[]; seriesKeys: TimeSeriesSeries[] } {
  const label = modelLabeler(data.rows.length > 0 ? data.rows : data.topModels);
  const seriesKeys: TimeSeriesSeries[] = data.topModels.map((ref, i) => ({
    key: `m${i}`,
    label: label(ref),
    color: `var(--pm-chart-${i + 1})`,
  }));
  seriesKeys.push({ key: "other", label: "Other", color: "var(--pm-muted-foreground)" });
  const series = data.series.map((point) => {
    const out: ModelSeriesPoint = { t: point.t, other: point.other };
    data.topModels.forEach((_, i) => {
      out[`m${i}`] = point.top[i] ?? 0;
    });
    return out;
  });
  return { series, seriesKeys };
}

/** `kpi.models` → the list (top `limit` + other) and the stacked top-5 + other series. */
export function prepareModels(data: ModelsData, limit = DEFAULT_LIMIT): ModelsViewData {
  return { requests: data.requests, models: data.models, rows: modelRows(data, limit), ...modelSeries(data) };
}
