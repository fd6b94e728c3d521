"use client";
import type { ReactNode } from "react";
import { usePromptmeter } from "../../provider/use-promptmeter.js";
import { FilterBarView, type FilterOptions } from "./FilterBarView.js";

export interface FilterBarProps {
  /** Option lists per filter (models, providers…); a filter without options is not shown. */
  options?: FilterOptions;
  /** Offer the success/error status filter (default true). */
  showStatus?: boolean;
  /** Accessible name of the group (default "Filters"). */
  label?: string;
}

/** Sets the provider's filters for every widget beneath it. */
export function FilterBar({ options = {}, showStatus, label }: FilterBarProps): ReactNode {
  const { filters, setFilter, clearFilters } = usePromptmeter();
  return (
    <FilterBarView
      value={filters}
      options={options}
      showStatus={showStatus ?? true}
      label={label ?? "Filters"}
      onChange={setFilter}
      onClear={clearFilters}
    />
  );
}
