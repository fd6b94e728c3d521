import { calcPrice, type PriceCalculationResult } from "@pydantic/genai-prices";
import { priceProviderId } from "./provider-ids.js";

/** USD per token for each non-overlapping kind, as the registry prices them. */
interface Rates {
  uncachedInput: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
}

type RegistryUsage = { input_tokens: number; output_tokens: number; cache_read_tokens: number; cache_write_tokens: number };
type Entry =
  | { kind: "linear"; rates: Rates }
  /** Tiered: linear `rates` while input + output tokens stay below `below`, the registry beyond. */
  | { kind: "tiered"; rates: Rates; below: number; providerId: string | undefined }
  | { kind: "direct"; providerId: string | undefined }
  | { kind: "unpriced" };

/** The lowest tier start of a tiered price (`{base, tiers: [{start, price}]}` fields), or null when none is tiered. */
function lowestTierStart(modelPrice: Record<string, unknown>): number | null {
  let lowest: number | null = null;
  for (const v of Object.values(modelPrice)) {
    if (v === undefined || typeof v === "number") continue;
    const tiers = (v as { tiers?: { start?: unknown }[] }).tiers;
    if (!Array.isArray(tiers) || tiers.length === 0) return null;
    for (const t of tiers) {
      if (typeof t.start !== "number" || !(t.start > 0)) return null;
      lowest = lowest === null ? t.start : Math.min(lowest, t.start);
    }
  }
  return lowest;
}

const DAY = 86_400_000;
const M = 1_000_000;

function lookup(usage: RegistryUsage, model: string, providerId: string | undefined, at: Date): PriceCalculationResult {
  return calcPrice(usage, model, providerId === undefined ? { timestamp: at } : { providerId, timestamp: at });
}

function usageOf(input: number, output: number, cacheRead: number, cacheWrite: number): RegistryUsage {
  return { input_tokens: input, output_tokens: output, cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite };
}

/**
 * Resolves and caches how a (provider, model, UTC day) is priced. Matching a model in the registry
 * costs tens of microseconds per call, too much per event at ingest rates, so for flat prices the
 * per-token rates are read off the registry once (from basis usages) and reused; tiered or
 * otherwise non-linear prices keep calling the registry for every event.
 */
export class RegistryRates {
  private readonly cache = new Map<string, Entry>();

  private resolve(provider: string, model: string, day: number): Entry {
    const at = new Date(day);
    const mapped = priceProviderId(provider);
    // Unknown provider ids (gateways, self-hosted proxies) still price a well-known model name.
    let providerId: string | undefined = mapped;
    let probe = lookup(usageOf(M, 0, 0, 0), model, providerId, at);
    if (!probe) {
      providerId = undefined;
      probe = lookup(usageOf(M, 0, 0, 0), model, undefined, at);
    }
    if (!probe) return { kind: "unpriced" };
    const flat = Object.values(probe.model_price).every((v) => v === undefined || typeof v === "number");
    // Tiered prices (long-context rates) are linear below their lowest tier: read base rates off usages under it.
    const below = flat ? null : lowestTierStart(probe.model_price as Record<string, unknown>);
    if (!flat && below === null) return { kind: "direct", providerId };
    const basis = below === null ? M : Math.min(M, Math.floor(below / 8));
    const total = (u: RegistryUsage) => lookup(u, model, providerId, at)?.total_price ?? Number.NaN;
    const rates: Rates = {
      uncachedInput: total(usageOf(basis, 0, 0, 0)) / basis,
      output: total(usageOf(0, basis, 0, 0)) / basis,
      cacheRead: total(usageOf(basis, 0, basis, 0)) / basis,
      cacheWrite: total(usageOf(basis, 0, 0, basis)) / basis,
    };
    // Trust the rates only if they reproduce the registry on mixed usages (for tiers, also just under the lowest one).
    const checks: [number, number, number, number][] = [[7_000, 1_300, 2_000, 900]];
    if (below !== null) checks.push([Math.floor(below * 0.6), Math.floor(below * 0.39), Math.floor(below * 0.2), Math.floor(below * 0.1)]);
    for (const [i, o, r, w] of checks) {
      const expected = total(usageOf(i, o, r, w));
      const linear = linearCost(rates, i, o, r, w);
      if (!Number.isFinite(expected) || Math.abs(linear - expected) > 1e-9 * Math.max(1, expected)) return { kind: "direct", providerId };
    }
    return below === null ? { kind: "linear", rates } : { kind: "tiered", rates, below, providerId };
  }

  /** Registry cost of one request in USD, or null when the model has no price. */
  cost(provider: string, model: string, ts: number, input: number, output: number, cacheRead: number, cacheWrite: number): number | null {
    const day = Math.floor(ts / DAY) * DAY;
    const key = `${provider}\u0000${model}\u0000${day}`;
    let entry = this.cache.get(key);
    if (!entry) {
      if (this.cache.size > 50_000) this.cache.clear();
      entry = this.resolve(provider, model, day);
      this.cache.set(key, entry);
    }
    if (entry.kind === "unpriced") return null;
    if (entry.kind === "linear" || (entry.kind === "tiered" && input + output < entry.below)) {
      return linearCost(entry.rates, input, output, cacheRead, cacheWrite);
    }
    return lookup(usageOf(input, output, cacheRead, cacheWrite), model, entry.providerId, new Date(ts))?.total_price ?? null;
  }
}

function linearCost(r: Rates, input: number, output: number, cacheRead: number, cacheWrite: number): number {
  return (
    Math.max(0, input - cacheRead - cacheWrite) * r.uncachedInput + cacheRead * r.cacheRead + cacheWrite * r.cacheWrite + output * r.output
  );
}
