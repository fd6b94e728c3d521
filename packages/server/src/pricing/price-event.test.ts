import { describe, expect, it } from "vitest";
import { costFromOverride, priceEvent } from "./price-event.js";
import { priceProviderId } from "./provider-ids.js";

const usage = { inputTokens: 1_000, outputTokens: 400, cacheReadTokens: 300, cacheWriteTokens: 100 };
const override = { input_per_mtok: 2, output_per_mtok: 8, cache_read_per_mtok: 0.5, cache_write_per_mtok: 3 };
const base = { provider: "openai", model: "gpt-4o", usage, cacheHit: false, timestamp: Date.parse("2026-11-20T10:00:00Z") };

describe("pricing", () => {
  it("prices each token kind once from an override; cache rates default to the input rate", () => {
    // 600 uncached × 2 + 300 × 0.5 + 100 × 3 + 400 × 8, per million.
    expect(costFromOverride(usage, override)).toBeCloseTo((1_200 + 150 + 300 + 3_200) / 1e6, 15);
    expect(costFromOverride(usage, { ...override, cache_read_per_mtok: null, cache_write_per_mtok: null })).toBeCloseTo(
      (2_000 + 3_200) / 1e6,
      15,
    );
  });

  it("reported beats cache hit beats override beats registry", () => {
    expect(priceEvent({ ...base, costUsd: 0.2, cacheHit: true, override })).toEqual({ costUsd: 0.2, costSource: "reported" });
    expect(priceEvent({ ...base, cacheHit: true, override })).toEqual({ costUsd: 0, costSource: "computed" });
    expect(priceEvent({ ...base, override }).costUsd).toBeCloseTo(4_850 / 1e6, 15);
    expect(priceEvent({ ...base, model: "no-such-model-anywhere" })).toEqual({ costUsd: null, costSource: "unpriced" });
  });

  it("maps provider names to the registry's ids", () => {
    expect(["bedrock", "AWS-Bedrock", "vertex_ai", "gemini", "azure-openai", "openai", "mistral"].map(priceProviderId)).toEqual([
      "aws",
      "aws",
      "google",
      "google",
      "azure",
      "openai",
      "mistral",
    ]);
  });
});
