"use client";
import type { Filters } from "@promptmeter/schema";
import type { ReactNode } from "react";

/** The filters the bar can offer as drop-downs. */
export type SelectFilterKey = "model" | "provider" | "environment" | "feature" | "release";

/** Option lists per filter; a filter without options is not shown. */
export type FilterOptions = Partial<Record<SelectFilterKey, readonly string[]>>;

const FIELDS: ReadonlyArray<{ key: SelectFilterKey; label: string; all: string }> = [
  { key: "model", label: "Model", all: "All models" },
  { key: "provider", label: "Provider", all: "All providers" },
  { key: "environment", label: "Environment", all: "All environments" },
  { key: "feature", label: "Feature", all: "All features" },
  { key: "release", label: "Release", all: "All releases" },
];

export interface FilterBarViewProps {
  /** The current filters. */
  value: Filters;
  /** Option lists; only filters with options get a drop-down. */
  options: FilterOptions;
  /** Offer the success/error status filter (default true). */
  showStatus?: boolean;
  /** Sets one filter; `undefined` clears it. */
  onChange: <K extends keyof Filters>(key: K, value: Filters[K] | undefined) => void;
  /** Clears every filter. */
  onClear: () => void;
  /** Accessible name of the group (default "Filters"). */
  label?: string;
}

/** Drop-downs for the event filters, bound to whatever state the caller holds. */
export function FilterBarView({ value, options, showStatus = true, onChange, onClear, label = "Filters" }: FilterBarViewProps): ReactNode {
  const active = Object.keys(value).length;
  return (
    <fieldset className="pm-control">
      <legend className="pm-sr-only">{label}</legend>
      {FIELDS.map((field) => {
        const choices = options[field.key];
        if (!choices) return null;
        const current = value[field.key];
        // Keep a value set elsewhere (URL, defaultFilters) selectable even when the list does not hold it.
        const list = current && !choices.includes(current) ? [current, ...choices] : choices;
        return (
          <label key={field.key} className="pm-field">
            {field.label}
            <select className="pm-select" value={current ?? ""} onChange={(e) => onChange(field.key, e.target.value || undefined)}>
              <option value="">{field.all}</option>
              {list.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      {showStatus && (
        <label className="pm-field">
          Status
          <select
            className="pm-select"
            value={value.status ?? ""}
            onChange={(e) => onChange("status", e.target.value === "success" || e.target.value === "error" ? e.target.value : undefined)}
          >
            <option value="">Any status</option>
            <option value="success">Success</option>
            <option value="error">Error</option>
          </select>
        </label>
      )}
      <button type="button" className="pm-button" onClick={onClear} disabled={active === 0} style={{ alignSelf: "flex-end" }}>
        Clear filters{active > 0 ? ` (${active})` : ""}
      </button>
    </fieldset>
  );
}
