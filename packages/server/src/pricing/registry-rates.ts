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
type Entry = { kind: "linear"; rates: Rates } | { kind: "direct"; providerId: string | undefined } | { kind: "unpriced" };

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
    if (!flat) return { kind: "direct", providerId };
    const total = (u: RegistryUsage) => lookup(u, model, providerId, at)?.total_price ?? Number.NaN;
    const rates: Rates = {
      uncachedInput: probe.total_price / M,
      output: total(usageOf(0, M, 0, 0)) / M,
      cacheRead: total(usageOf(M, 0, M, 0)) / M,
      cacheWrite: total(usageOf(M, 0, 0, M)) / M,
    };
    // Trust the rates only if they reproduce the registry on a mixed usage.
    const check = usageOf(7_000, 1_300, 2_000, 900);
    const expected = total(check);
    const linear = linearCost(rates, 7_000, 1_300, 2_000, 900);
    if (!Number.isFinite(expected) || Math.abs(linear - expected) > 1e-9 * Math.max(1, expected)) return { kind: "direct", providerId };
    return { kind: "linear", rates };
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
    if (entry.kind === "linear") return linearCost(entry.rates, input, output, cacheRead, cacheWrite);
    return lookup(usageOf(input, output, cacheRead, cacheWrite), model, entry.providerId, new Date(ts))?.total_price ?? null;
  }
}

function linearCost(r: Rates, input: number, output: number, cacheRead: number, cacheWrite: number): number {
  return (
    Math.max(0, input - cacheRead - cacheWrite) * r.uncachedInput + cacheRead * r.cacheRead + cacheWrite * r.cacheWrite + output * r.output
  );
}
