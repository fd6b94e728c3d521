import { type RawBuilder, sql } from "kysely";
import { BLOCK_DAYS, BLOCK_STEP_DAYS } from "../rollups/user-block-deltas.js";
import type { Interval } from "../time/index.js";

const DAY = 86_400_000;
const STEP = BLOCK_STEP_DAYS * DAY;
/** pm_popcount takes integers below 2^53 (SQLite passes them to JS as doubles). */
const MAX_MASK_BITS = 52;

/** The rollup_user_blocks row set answering an interval: the block holding every UTC day it touches. */
export interface BlockSpan {
  block: number;
  /** First and last UTC day (day starts) the interval touches. */
  firstDay: number;
  lastDay: number;
}

/** The latest block starting at or before the interval's first UTC day, when it also holds the last one (any ≤ 33-day range). */
export function blockSpanOf(interval: Interval): BlockSpan | null {
  if (interval.from >= interval.to) return null;
  const firstDay = Math.floor(interval.from / DAY) * DAY;
  const lastDay = Math.floor((interval.to - 1) / DAY) * DAY;
  const block = Math.floor(firstDay / STEP) * STEP;
  if (lastDay >= block + BLOCK_DAYS * DAY || (lastDay - firstDay) / DAY + 1 > MAX_MASK_BITS) return null;
  return { block, firstDay, lastDay };
}

/** SQL: how many of the UTC days [firstDay, lastDay] the row's `days` mask marks active. */
export function activeDaysIn(span: BlockSpan, firstDay = span.firstDay, lastDay = span.lastDay): RawBuilder<number> {
  const shift = (firstDay - span.block) / DAY;
  const width = (lastDay - firstDay) / DAY + 1;
  // Arithmetic shift, then a mask of `width` bits: the sign bit of a mask using bit 63 never survives.
  return sql<number>`pm_popcount((rollup_user_blocks.days >> ${sql.lit(shift)}) & ${sql.lit(2 ** width - 1)})`;
}
