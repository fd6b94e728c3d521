/** Which way of a metric is an improvement: `up` for requests or success rate, `down` for cost or latency. */
export type GoodDirection = "up" | "down" | "none";

/** A change between two periods, ready to show. */
export interface Delta {
  /** Relative change (0.12 = +12 %); null when there is no previous value to divide by. */
  change: number | null;
  /** Which way the value moved; `flat` below 0.05 % or without a previous value. */
  direction: "up" | "down" | "flat";
  /** Whether the move is good news for this metric. */
  tone: "good" | "bad" | "neutral";
}

/** Changes smaller than this (0.05 %) round to 0.0 % and show as flat. */
const FLAT = 0.0005;

/** The change from `previous` to `current` and whether it is good news for a metric whose good way is `good`. */
export function computeDelta(current: number | null | undefined, previous: number | null | undefined, good: GoodDirection): Delta {
  if (current == null || previous == null || Number.isNaN(current) || Number.isNaN(previous)) {
    return { change: null, direction: "flat", tone: "neutral" };
  }
  const change = previous === 0 ? null : (current - previous) / Math.abs(previous);
  const diff = current - previous;
  const direction =
    change === null ? (diff > 0 ? "up" : diff < 0 ? "down" : "flat") : Math.abs(change) < FLAT ? "flat" : change > 0 ? "up" : "down";
  const tone = direction === "flat" || good === "none" ? "neutral" : direction === good ? "good" : "bad";
  return { change, direction, tone };
}
