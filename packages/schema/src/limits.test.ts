import { describe, expect, it } from "vitest";
import { LIMITS } from "./limits.js";

describe("LIMITS", () => {
  it("states every number of SPEC §1–3", () => {
    expect(LIMITS).toEqual({
      idLength: 128,
      providerLength: 64,
      modelLength: 128,
      errorMessageLength: 2000,
      identityLength: 256,
      featureLength: 128,
      environmentLength: 64,
      releaseLength: 64,
      tagCount: 32,
      tagLength: 64,
      metadataKeys: 64,
      metadataBytes: 8192,
      payloadBytes: 262_144,
      maxRetries: 100,
      commentLength: 4000,
      batchEvents: 1000,
      batchBytes: 5_242_880,
      futureSkewMs: 86_400_000,
      minTimestampMs: 946_684_800_000, // 2000-01-01T00:00:00Z: 10957 days × 86 400 000 ms
      // Not in SPEC: ceilings that keep rollup sums finite, and a payload nesting bound.
      maxTokens: 1_000_000_000,
      maxDurationMs: 604_800_000,
      maxCostUsd: 1_000_000,
      payloadDepth: 64,
    });
  });
});
