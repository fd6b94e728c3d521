import type { RouterOutputs } from "@promptmeter/server";
import { HOURS, hourNames, WEEKDAYS, weekdayNames } from "../../primitives/heatmap-cells.js";

/** What `kpi.peakTimes` answers. */
export type PeakTimesData = RouterOutputs["kpi"]["peakTimes"];

/** A called-out slot of the week. */
export interface PeakCallout {
  /** What the slot is, in the locale ("Friday, 3 PM–4 PM"). */
  label: string;
  /** Requests in it. */
  requests: number;
  /** Its share of all requests in the range. */
  share: number;
}

/** The PeakHours figures, ready to show. */
export interface PeakHoursViewData {
  /** 7 × 24 requests, Monday first, as the procedure returns them. */
  matrix: number[][];
  requests: number;
  /** The busiest weekday × hour cell. */
  peak: PeakCallout | null;
  /** Where the peak sits in the matrix, to outline it. */
  peakCell: { day: number; hour: number } | null;
  /** The busiest weekday over all its hours. */
  busiestDay: PeakCallout | null;
  /** The busiest hour of the day over all weekdays. */
  busiestHour: PeakCallout | null;
}

/** Nothing to show: no request in the range. */
export function isPeakTimesEmpty(data: PeakTimesData): boolean {
  return data.requests === 0;
}

/** An hour slot as the locale writes it: "3 PM–4 PM" (en-US) or "15–16 Uhr" style as Intl gives it. */
export function hourSlot(hour: number, locale: string): string {
  const names = hourNames(locale);
  return `${names[hour]}–${names[(hour + 1) % HOURS]}`;
}

/** Index of the largest value, the first one on ties; -1 when every value is 0. */
function argMax(values: readonly number[]): number {
  let best = -1;
  values.forEach((value, i) => {
    if (value > 0 && (best < 0 || value > (values[best] ?? 0))) best = i;
  });
  return best;
}

/** `kpi.peakTimes` → the matrix and its call-outs: peak cell, busiest weekday, busiest hour (names in `locale`). */
export function preparePeakHours(data: PeakTimesData, locale: string): PeakHoursViewData {
  const days = weekdayNames(locale, "long");
  const total = data.requests;
  const share = (requests: number) => (total > 0 ? requests / total : 0);
  const dayTotals = Array.from({ length: WEEKDAYS }, (_, day) => (data.matrix[day] ?? []).reduce((sum, v) => sum + v, 0));
  const hourTotals = Array.from({ length: HOURS }, (_, hour) => data.matrix.reduce((sum, row) => sum + (row[hour] ?? 0), 0));
  const day = argMax(dayTotals);
  const hour = argMax(hourTotals);
  const peak = data.peak;
  return {
    matrix: data.matrix,
    requests: total,
    peak: peak
      ? { label: `${days[peak.weekday]}, ${hourSlot(peak.hour, locale)}`, requests: peak.requests, share: share(peak.requests) }
      : null,
    peakCell: peak ? { day: peak.weekday, hour: peak.hour } : null,
    busiestDay: day >= 0 ? { label: days[day] ?? "", requests: dayTotals[day] ?? 0, share: share(dayTotals[day] ?? 0) } : null,
    busiestHour: hour >= 0 ? { label: hourSlot(hour, locale), requests: hourTotals[hour] ?? 0, share: share(hourTotals[hour] ?? 0) } : null,
  };
}
