/** Every numeric limit of SPEC.md §1–3 in one place, so the server, docs and tests agree. */
export const LIMITS = {
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
  metadataBytes: 8 * 1024,
  payloadBytes: 256 * 1024,
  maxRetries: 100,
  commentLength: 4000,
  batchEvents: 1000,
  batchBytes: 5 * 1024 * 1024,
  futureSkewMs: 24 * 60 * 60 * 1000,
  /** 2000-01-01T00:00:00Z: anything earlier is a unit mistake (seconds for ms), not history. */
  minTimestampMs: Date.UTC(2000, 0, 1),
  // Beyond SPEC (silent there): ceilings that keep rollup sums exact and finite in int8/float8 columns.
  /** Any one token count of an event. */
  maxTokens: 1_000_000_000,
  /** latencyMs and ttftMs: 7 days. */
  maxDurationMs: 7 * 24 * 60 * 60 * 1000,
  /** A reported costUsd. */
  maxCostUsd: 1_000_000,
  /** Nesting of an input/output payload: deeper JSON would overflow the stack when measured and stored. */
  payloadDepth: 64,
} as const;
