import type { RouterOutputs } from "@promptmeter/server";
import type { BarListItem } from "../../primitives/bar-list-rows.js";
import type { Formatters } from "../../primitives/format.js";

/** What `kpi.usageFrequency` answers. */
export type UsageFrequencyData = RouterOutputs["kpi"]["usageFrequency"];
type ActiveDays = UsageFrequencyData["byActiveDays"][number]["bucket"];

/** How each active-day bucket reads on screen. */
export const ACTIVE_DAY_LABELS: Record<ActiveDays, string> = {
  "1": "1 day",
  "2-3": "2–3 days",
  "4-7": "4–7 days",
  "8-14": "8–14 days",
  "15+": "15+ days",
};

/** The UsageFrequency figures, ready to show. */
export interface UsageFrequencyViewData {
  activeUsers: number;
  previousActiveUsers: number | undefined;
  /** Compared, but the previous period had no user: no deltas to show. */
  noPrevious: boolean;
  requestsPerUserDay: number | null;
  previousRequestsPerUserDay: number | undefined;
  userDays: number;
  /** Users per bucket of active days, in bucket order, with their share of active users. */
  bars: BarListItem[];
}

/** Nothing to show: no request carried a user id in the range. */
export function isUsageFrequencyEmpty(data: UsageFrequencyData): boolean {
  return data.activeUsers === 0;
}

/** `kpi.usageFrequency` → headline figures and users by active days (share of active users as the detail). */
export function prepareUsageFrequency(data: UsageFrequencyData, f: Formatters): UsageFrequencyViewData {
  const previous = data.previous && data.previous.activeUsers > 0 ? data.previous : null;
  return {
    activeUsers: data.activeUsers,
    previousActiveUsers: previous?.activeUsers,
    noPrevious: data.previous !== null && previous === null,
    requestsPerUserDay: data.requestsPerUserDay,
    previousRequestsPerUserDay: previous?.requestsPerUserDay ?? undefined,
    userDays: data.userDays,
    bars: data.byActiveDays.map((row) => ({
      key: row.bucket,
      label: ACTIVE_DAY_LABELS[row.bucket],
      value: row.users,
      detail: data.activeUsers > 0 ? f.percent(row.users / data.activeUsers) : undefined,
    })),
  };
}
