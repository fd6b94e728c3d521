/** The seed of the generated data set: same seed, same events, same numbers on every machine. */
export const SEED = 42;
/** How many events the test server holds (a few seconds to ingest, enough for every KPI to have a shape). */
export const SEED_EVENTS = 20_000;
/** Where the seeded data ends; fixed so that every run (and every screenshot) sees the same numbers. */
export const SEED_END = "2026-11-23T00:00:00.000Z";
/** How many days of traffic the seed holds, ending at SEED_END. */
export const SEED_DAYS = 14;
/** The absolute range that covers the seed: what stories and tests pass as `defaultRange`. */
export const SEED_RANGE = {
  from: new Date(Date.parse(SEED_END) - SEED_DAYS * 86_400_000).toISOString(),
  to: SEED_END,
} as const;

/** The last `days` days of the seed, so that `compare` finds a previous period with data (e.g. `seedLastDays(7)`). */
export function seedLastDays(days: number): { from: string; to: string } {
  return { from: new Date(Date.parse(SEED_END) - days * 86_400_000).toISOString(), to: SEED_END };
}
