"use client";
import type { KpiQueryInput } from "@promptmeter/schema";
import { useMemo } from "react";
import { type KpiOverrides, mergeKpiInput } from "./merge-kpi-input.js";
import { usePromptmeter } from "./use-promptmeter.js";

/** The `KpiQuery` input for a widget: the provider's range, time zone and filters with the widget's overrides on top. */
export function useKpiQueryInput(overrides: KpiOverrides = {}): KpiQueryInput {
  const { range, timezone, filters } = usePromptmeter();
  const key = JSON.stringify(overrides);
  // biome-ignore lint/correctness/useExhaustiveDependencies: overrides are compared by value (key) so inline objects do not recompute
  return useMemo(() => mergeKpiInput({ range, timezone, filters }, overrides), [range, timezone, filters, key]);
}
