import type { RollupUserBlocksTable, RollupUserDailyTable } from "../db/tables.js";

const DAY = 86_400_000;
/** Blocks start every 32 UTC days (epoch-aligned) and span 64, so every run of up to 33 days lies inside one. */
export const BLOCK_STEP_DAYS = 32;
export const BLOCK_DAYS = 2 * BLOCK_STEP_DAYS;
const STEP = BLOCK_STEP_DAYS * DAY;

export type UserBlockDelta = RollupUserBlocksTable;

/** The two blocks holding a UTC day (day start, epoch ms), with the day's bit position in each. */
export function blocksOfDay(day: number): { block: number; bit: number }[] {
  const later = Math.floor(day / STEP) * STEP;
  const bit = (day - later) / DAY;
  return [
    { block: later - STEP, bit: bit + BLOCK_STEP_DAYS },
    { block: later, bit },
  ];
}

/** A batch's per-user-day deltas folded into both blocks of each day, in key order. */
export function userBlockDeltas(userDaily: Iterable<RollupUserDailyTable>): UserBlockDelta[] {
  const deltas = new Map<string, UserBlockDelta>();
  for (const u of userDaily) {
    for (const { block, bit } of blocksOfDay(u.day)) {
      const k = `${u.project_id}\u0000${block}\u0000${u.user_id}`;
      // Bit 63 makes the mask negative: stored as the signed 64-bit integer SQLite and PostgreSQL hold.
      const mask = BigInt.asIntN(64, 1n << BigInt(bit));
      const d = deltas.get(k);
      if (d) {
        d.days = BigInt.asIntN(64, d.days | mask);
        d.requests += u.requests;
        d.cost_usd += u.cost_usd;
        d.tokens += u.tokens;
      } else {
        deltas.set(k, {
          project_id: u.project_id,
          block,
          user_id: u.user_id,
          days: mask,
          requests: u.requests,
          cost_usd: u.cost_usd,
          tokens: u.tokens,
        });
      }
    }
  }
  return [...deltas.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, d]) => d);
}

/** Set bits of a non-negative integer below 2^53 (SQLite's pm_popcount). */
export function popcount(n: number): number {
  const bits32 = (v: number) => {
    let x = v - ((v >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  };
  return bits32(n >>> 0) + bits32(Math.floor(n / 0x100000000) >>> 0);
}
