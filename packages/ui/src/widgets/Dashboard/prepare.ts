import type { RouterOutputs } from "@promptmeter/server";
import type { FilterOptions } from "../FilterBar/FilterBarView.js";

/** The dashboard's sections, in reading order, with their headings (named unlike any card, since both are landmarks). */
export const DASHBOARD_SECTIONS = [
  // The overview strip carries its own visible title; its section's heading is for screen readers.
  { id: "overview", title: "Key figures", hidden: true },
  { id: "traffic", title: "Spend and traffic", hidden: false },
  { id: "reliability", title: "Errors and reliability", hidden: false },
  { id: "usage", title: "Usage", hidden: false },
  { id: "users", title: "Users", hidden: false },
  { id: "feedback", title: "Feedback and goals", hidden: false },
  { id: "requests", title: "Request log", hidden: false },
] as const;

/** Which section a widget belongs to. */
export type DashboardSectionId = (typeof DASHBOARD_SECTIONS)[number]["id"];

/** How much of a row a widget wants: a third (3 side by side when there is room), a half, or the full row. */
export type DashboardWidth = "third" | "half" | "full";

/** What the grouping needs of a dashboard entry. */
export interface DashboardSlot {
  name: string;
  section: DashboardSectionId;
  width: DashboardWidth;
}

/** The sections that have at least one shown widget, each with its widgets in list order. */
export function groupBySection<Slot extends DashboardSlot>(
  slots: readonly Slot[],
  hidden: readonly string[] = [],
): Array<{ id: DashboardSectionId; title: string; hidden: boolean; slots: Slot[] }> {
  const hide = new Set(hidden);
  return DASHBOARD_SECTIONS.map((section) => ({
    id: section.id,
    title: section.title,
    hidden: section.hidden,
    slots: slots.filter((slot) => slot.section === section.id && !hide.has(slot.name)),
  })).filter((section) => section.slots.length > 0);
}

type ModelsData = RouterOutputs["kpi"]["models"];
type FeaturesData = RouterOutputs["kpi"]["features"];

/** FilterBar drop-downs from the range's models and features: most requested first, each name once. */
export function filterOptions(models: ModelsData | undefined, features: FeaturesData | undefined): FilterOptions {
  const options: FilterOptions = {};
  if (models) {
    options.model = [...new Set(models.rows.map((row) => row.model))];
    options.provider = [...new Set(models.rows.map((row) => row.provider))];
  }
  if (features) options.feature = features.rows.flatMap((row) => (row.name ? [row.name] : []));
  return options;
}
