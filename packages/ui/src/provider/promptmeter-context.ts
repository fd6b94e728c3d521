"use client";
import type { Filters, TimeRangeInput } from "@promptmeter/schema";
import type { QueryClient } from "@tanstack/react-query";
import { createContext } from "react";

/** One filter key of `KpiQuery.filters`. */
export type FilterKey = keyof Filters;

/** What `usePromptmeter()` returns: the shared dashboard state and its setters. */
export interface PromptmeterState {
  /** The range every widget reads unless it overrides it. */
  range: TimeRangeInput;
  /** IANA time zone for buckets, peak hours and dates. */
  timezone: string;
  /** Filters every widget applies unless it overrides them. */
  filters: Filters;
  /** BCP 47 locale for numbers and dates. */
  locale: string;
  /** The QueryClient the widgets use (the host's, or the provider's own). */
  queryClient: QueryClient;
  /** Sets the range of every widget that does not override it. */
  setRange(range: TimeRangeInput): void;
  /** Sets the IANA time zone. */
  setTimezone(timezone: string): void;
  /** Sets the BCP 47 locale. */
  setLocale(locale: string): void;
  /** Replaces all filters (empty values are dropped). */
  setFilters(filters: Filters): void;
  /** Sets one filter; `undefined` or `""` removes it. */
  setFilter<K extends FilterKey>(key: K, value: Filters[K] | undefined): void;
  /** Removes every filter. */
  clearFilters(): void;
}

export const PromptmeterContext = createContext<PromptmeterState | null>(null);
PromptmeterContext.displayName = "PromptmeterContext";
