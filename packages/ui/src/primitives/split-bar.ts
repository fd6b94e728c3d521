/** One part of a whole shown by a SplitBar. */
export interface SplitSegment {
  /** Stable identity ("positive", "new"…). */
  key: string;
  /** What the part is called on screen. */
  label: string;
  /** Its count (or any non-negative amount). */
  value: number;
  /** CSS colour of its bar segment. */
  color: string;
}

/** A segment with its share of the total: 0 for every segment when the total is 0. */
export interface SplitShare extends SplitSegment {
  /** value / total, 0–1. */
  share: number;
}

/** Shares of the total per segment; negative values count as 0, and an all-zero whole has all-zero shares. */
export function splitShares(segments: readonly SplitSegment[]): SplitShare[] {
  const total = segments.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  return segments.map((s) => ({ ...s, share: total > 0 ? Math.max(0, s.value) / total : 0 }));
}
