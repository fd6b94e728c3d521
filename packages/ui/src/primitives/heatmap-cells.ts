/** Rows of a peak-times matrix: local weekdays, 0 = Monday … 6 = Sunday (as `kpi.peakTimes` returns them). */
export const WEEKDAYS = 7;
/** Columns: local hours 0–23. */
export const HOURS = 24;

// 2024-01-01 was a Monday: formatting its following days in UTC gives Monday-first weekday names.
const MONDAY_UTC = Date.UTC(2024, 0, 1);

/** Monday-first weekday names in a locale (`short`: Mon, `long`: Monday). */
export function weekdayNames(locale: string, width: "short" | "long" = "short"): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" });
  return Array.from({ length: WEEKDAYS }, (_, day) => format.format(new Date(MONDAY_UTC + day * 86_400_000)));
}

/** An hour of the day as the locale writes it (`14:00` or `2 PM`). */
export function hourNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { hour: "numeric", timeZone: "UTC" });
  return Array.from({ length: HOURS }, (_, hour) => format.format(new Date(MONDAY_UTC + hour * 3_600_000)));
}

/** A 7 × 24 matrix whatever comes in: missing rows or cells and non-numbers become 0. */
export function normalizeMatrix(matrix: ReadonlyArray<ReadonlyArray<number | null | undefined>>): number[][] {
  return Array.from({ length: WEEKDAYS }, (_, day) =>
    Array.from({ length: HOURS }, (_, hour) => {
      const value = matrix[day]?.[hour];
      return typeof value === "number" && Number.isFinite(value) ? value : 0;
    }),
  );
}

/** The largest cell, 0 for an all-zero matrix. */
export function matrixMax(matrix: ReadonlyArray<ReadonlyArray<number>>): number {
  let max = 0;
  for (const row of matrix) for (const value of row) if (value > max) max = value;
  return max;
}

/** Fill opacity of a cell: 0 for no traffic, else from 0.12 (faint but visible) to 1 at the maximum. */
export function cellOpacity(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return 0.12 + 0.88 * Math.min(1, value / max);
}
