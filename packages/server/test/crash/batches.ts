import type { LlmEventInput } from "@promptmeter/schema";
import { seededRandom } from "../../src/seed/random.js";

/** 2026-11-20T08:00Z: a fixed past morning, so the test never depends on the clock. */
const START = Date.parse("2026-11-20T08:00:00.000Z");
const MODELS = [
  ["openai", "gpt-4o"],
  ["openai", "gpt-4o-mini"],
  ["anthropic", "claude-sonnet-4-5"],
  ["google", "gemini-2.5-flash"],
] as const;
const ERRORS = ["rate_limit", "timeout", "server_error", "network"] as const;

export type CrashEvent = LlmEventInput & { id: string; timestamp: number };

/** Event number `n` of the crash run: a pure function of n, so the client and the checker agree. */
export function crashEvent(n: number): CrashEvent {
  const r = seededRandom(n * 7919 + 17);
  const [provider, model] = MODELS[Math.floor(r() * MODELS.length)]!;
  const failed = r() < 0.08;
  const input = 50 + Math.floor(r() * 4000);
  const output = failed ? 0 : 10 + Math.floor(r() * 800);
  const latencyMs = 80 + Math.round(r() * 3000);
  return {
    id: `crash-${n}`,
    // Spread over three hours, a few events per second, so batches share hours, minutes and users.
    timestamp: START + ((n * 997) % 10_800_000),
    provider,
    model,
    status: failed ? "error" : "success",
    ...(failed ? { errorType: ERRORS[n % ERRORS.length], errorMessage: `attempt failed #${n}` } : {}),
    latencyMs,
    ...(r() < 0.5 && !failed ? { streamed: true, ttftMs: Math.round(latencyMs * r()) } : {}),
    usage: { inputTokens: input, outputTokens: output, cacheReadTokens: Math.floor(input * r() * 0.5) },
    retries: r() < 0.1 ? 1 + Math.floor(r() * 3) : 0,
    userId: `user-${n % 53}`,
    sessionId: `session-${n % 211}`,
  };
}

/** How many events batch `k` holds (20–300), from the run's seed. */
export function batchSize(seed: number, k: number): number {
  return 20 + Math.floor(seededRandom(seed * 1_000_003 + k)() * 281);
}

/** The events of batches 0 … last, in order. */
export function eventsUpTo(seed: number, last: number): CrashEvent[] {
  const events: CrashEvent[] = [];
  for (let k = 0, n = 0; k <= last; k++) {
    const size = batchSize(seed, k);
    for (let i = 0; i < size; i++) events.push(crashEvent(n++));
  }
  return events;
}
