import type { PriceOverridesTable } from "../db/tables.js";
import { RegistryRates } from "./registry-rates.js";

export type CostSource = "reported" | "computed" | "unpriced";

export interface PricedCost {
  costUsd: number | null;
  costSource: CostSource;
}

/** Token counts in SPEC meaning: cache tokens are part of input, reasoning part of output. */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export type PriceOverride = Pick<
  PriceOverridesTable,
  "input_per_mtok" | "output_per_mtok" | "cache_read_per_mtok" | "cache_write_per_mtok"
>;

/** Cost from a per-project override: each token kind once, at its own rate (cache rates default to input). */
export function costFromOverride(usage: TokenCounts, o: PriceOverride): number {
  const uncached = Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  return (
    (uncached * o.input_per_mtok +
      usage.cacheReadTokens * (o.cache_read_per_mtok ?? o.input_per_mtok) +
      usage.cacheWriteTokens * (o.cache_write_per_mtok ?? o.input_per_mtok) +
      usage.outputTokens * o.output_per_mtok) /
    1_000_000
  );
}

const registry = new RegistryRates();

/**
 * Price from the genai-prices registry. It takes input_tokens as the total including cache
 * tokens and prices cache reads and writes at their own rates, which is the SPEC meaning;
 * reasoning tokens are already inside output_tokens. Null when the model has no price.
 */
export function registryCost(provider: string, model: string, usage: TokenCounts, at: Date): number | null {
  return registry.cost(provider, model, at.getTime(), usage.inputTokens, usage.outputTokens, usage.cacheReadTokens, usage.cacheWriteTokens);
}

/** Decides an event's cost: reported wins, then a project override, then the registry; else unpriced. */
export function priceEvent(input: {
  provider: string;
  model: string;
  usage: TokenCounts;
  costUsd?: number | undefined;
  cacheHit: boolean;
  timestamp: number;
  override?: PriceOverride | undefined;
}): PricedCost {
  if (input.costUsd !== undefined) return { costUsd: input.costUsd, costSource: "reported" };
  // Served from the app's own cache: no provider call was paid for.
  if (input.cacheHit) return { costUsd: 0, costSource: "computed" };
  if (input.override) return { costUsd: costFromOverride(input.usage, input.override), costSource: "computed" };
  const cost = registryCost(input.provider, input.model, input.usage, new Date(input.timestamp));
  return cost === null ? { costUsd: null, costSource: "unpriced" } : { costUsd: cost, costSource: "computed" };
}
