/** One row of a BarList. */
export interface BarListItem {
  /** Stable identity (model name, user id…). */
  key: string;
  /** What the row is called on screen. */
  label: string;
  /** The value the bar length shows. */
  value: number;
  /** Optional second figure shown after the value (share, error rate…). */
  detail?: string | undefined;
}

/** Bar widths as fractions of the largest value (0 for all-zero lists), so the longest bar fills the row. */
export function barFractions(items: readonly BarListItem[]): number[] {
  const max = items.reduce((m, item) => Math.max(m, item.value), 0);
  return items.map((item) => (max > 0 && item.value > 0 ? item.value / max : 0));
}
