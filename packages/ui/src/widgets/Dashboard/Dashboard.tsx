"use client";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId } from "react";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { FilterBar } from "../FilterBar/FilterBar.js";
import { TimeRangePicker } from "../TimeRangePicker/TimeRangePicker.js";
import { DASHBOARD_WIDGETS, type DashboardEntry, type DashboardWidgetName } from "./dashboard-widgets.js";
import { filterOptions, groupBySection } from "./prepare.js";

export interface DashboardProps {
  /** Widgets to leave out, by name (e.g. `["RequestLog", "GoalsPanel"]`). */
  hide?: readonly DashboardWidgetName[];
  /** Show the time range picker and the filter bar above the widgets (default true). */
  showControls?: boolean;
  /** Judge the goals at this instant (ISO or epoch ms) instead of now. */
  goalsAt?: string | number;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the dashboard. */
  className?: string;
}

/** Model, provider and feature choices for the filter bar, from the range without those filters (or picking one would hide the others). */
function useFilterOptions() {
  const trpc = useTRPC();
  const queryClient = usePromptmeterQueryClient();
  const base = useKpiQueryInput({ filters: { model: undefined, provider: undefined, feature: undefined, status: undefined } });
  const models = useQuery(trpc.kpi.models.queryOptions(base), queryClient);
  const features = useQuery(trpc.kpi.features.queryOptions(base), queryClient);
  return filterOptions(models.data, features.data);
}

/** Every widget in sections of a responsive grid, under a time range picker and a filter bar that drive them all. */
export function Dashboard(props: DashboardProps): ReactNode {
  const { hide, showControls = true, goalsAt, locale, className } = props;
  const sections = groupBySection<DashboardEntry>(DASHBOARD_WIDGETS, hide);
  const id = useId();
  return (
    <div className={className ? `pm-dashboard ${className}` : "pm-dashboard"}>
      {showControls && <DashboardControls />}
      {sections.map((section) => (
        <section key={section.id} className="pm-dashboard-section" aria-labelledby={`${id}-${section.id}`}>
          <h2 id={`${id}-${section.id}`} className={section.hidden ? "pm-sr-only" : "pm-dashboard-heading"}>
            {section.title}
          </h2>
          <div className="pm-dashboard-grid">
            {section.slots.map((slot) => (
              <div key={slot.name} className={`pm-dashboard-item pm-dashboard-${slot.width}`} data-widget={slot.name}>
                {slot.render({ locale, goalsAt })}
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function DashboardControls(): ReactNode {
  const options = useFilterOptions();
  return (
    <div className="pm-dashboard-controls">
      <TimeRangePicker />
      <FilterBar options={options} />
    </div>
  );
}
