import type { Bucket, Filters, KpiQueryInput, TimeRangeInput } from "@promptmeter/schema";

/** What every widget may override on top of the provider's state. */
export interface KpiOverrides {
  /** Replaces the provider's range. */
  range?: TimeRangeInput | undefined;
  /** Replaces the provider's time zone. */
  timezone?: string | undefined;
  /** Merged key by key over the provider's filters; a key set to `undefined` removes that filter. */
  filters?: Partial<Filters> | undefined;
  /** Bucket size of series (default `auto`). */
  bucket?: Bucket | undefined;
  /** Also fetch the previous period, for deltas. */
  compare?: boolean | undefined;
}

/** The provider's part of a KPI query. */
export interface KpiBase {
  range: TimeRangeInput;
  timezone: string;
  filters: Filters;
}

/** Drops empty filter values so that `{ model: "" }` or `{ tags: [] }` never narrows a query to nothing. */
export function compactFilters(filters: Partial<Filters>): Filters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as Filters;
}

/** Provider state + widget overrides → the `KpiQuery` input of a procedure. */
export function mergeKpiInput(base: KpiBase, overrides: KpiOverrides = {}): KpiQueryInput {
  const input: KpiQueryInput = {
    range: overrides.range ?? base.range,
    timezone: overrides.timezone ?? base.timezone,
    filters: compactFilters({ ...base.filters, ...overrides.filters }),
  };
  if (overrides.bucket !== undefined) input.bucket = overrides.bucket;
  if (overrides.compare !== undefined) input.compare = overrides.compare;
  return input;
}
