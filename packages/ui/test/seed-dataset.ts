import type { FeedbackInput, LlmEventInput } from "@promptmeter/schema";

/** Where the seeded data ends; fixed so that every run (and every screenshot) sees the same numbers. */
export const SEED_END = "2026-11-23T00:00:00.000Z";
/** How many days of traffic the seed holds, ending at SEED_END. */
export const SEED_DAYS = 14;
/** The absolute range that covers the seed: what stories and tests pass as `defaultRange`. */
export const SEED_RANGE = {
  from: new Date(Date.parse(SEED_END) - SEED_DAYS * 86_400_000).toISOString(),
  to: SEED_END,
} as const;

/** mulberry32: a tiny seeded PRNG, so the data set is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MODELS = [
  { provider: "openai", model: "gpt-4o-mini", weight: 5, latency: 700, errorRate: 0.02 },
  { provider: "openai", model: "gpt-4o", weight: 3, latency: 1_600, errorRate: 0.04 },
  { provider: "anthropic", model: "claude-sonnet-4-5", weight: 2, latency: 2_100, errorRate: 0.05 },
  { provider: "google", model: "gemini-2.5-flash", weight: 1, latency: 900, errorRate: 0.08 },
] as const;
const FEATURES = ["chat", "summarize", "search", "code-review"] as const;
const ERRORS = ["rate_limit", "timeout", "server_error", "invalid_request"] as const;
const RELEASES = ["2026.11.1", "2026.11.2"] as const;

/** The model whose cumulative weight first exceeds `draw`. */
function pickWeighted(draw: number): (typeof MODELS)[number] {
  let rest = draw;
  for (const model of MODELS) {
    rest -= model.weight;
    if (rest < 0) return model;
  }
  return MODELS[0];
}

/**
 * A small deterministic stand-in for the server's seeded generator: a few thousand events over
 * SEED_DAYS with daily and hourly rhythm, four models, errors, retries, fallbacks and feedback.
 */
export function smallDataset(seed = 42, events = 2_400): { events: LlmEventInput[]; feedback: FeedbackInput[] } {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const end = Date.parse(SEED_END);
  const start = end - SEED_DAYS * 86_400_000;
  const totalWeight = MODELS.reduce((sum, m) => sum + m.weight, 0);
  const out: LlmEventInput[] = [];
  const feedback: FeedbackInput[] = [];
  for (let i = 0; i < events; i++) {
    // Busier in working hours: draw until a timestamp passes the hour-of-day acceptance test.
    let ts = start + random() * (end - start);
    for (let tries = 0; tries < 4; tries++) {
      const hour = new Date(ts).getUTCHours();
      if (random() < (hour >= 8 && hour <= 18 ? 1 : 0.3)) break;
      ts = start + random() * (end - start);
    }
    const m = pickWeighted(random() * totalWeight);
    const failed = random() < m.errorRate;
    const retries = random() < 0.06 ? 1 + Math.floor(random() * 2) : 0;
    const fallback = !failed && random() < 0.03;
    const inputTokens = 200 + Math.floor(random() * 1_800);
    const cacheReadTokens = random() < 0.3 ? Math.floor(inputTokens * 0.5) : 0;
    const outputTokens = failed ? 0 : 50 + Math.floor(random() * 600);
    const latencyMs = Math.round(m.latency * (0.4 + random() * 1.4) * (1 + retries * 0.8));
    const id = `seed-${seed}-${i}`;
    const userId = `user-${1 + Math.floor(random() ** 2 * 40)}`;
    const event: LlmEventInput = {
      id,
      timestamp: new Date(Math.floor(ts)).toISOString(),
      provider: m.provider,
      model: m.model,
      status: failed ? "error" : "success",
      usage: { inputTokens, outputTokens, cacheReadTokens },
      latencyMs,
      ttftMs: Math.round(latencyMs * 0.25),
      streamed: true,
      retries,
      fallback,
      userId,
      sessionId: `${userId}-s${Math.floor(ts / 3_600_000 / 6)}`,
      feature: pick(FEATURES),
      environment: "production",
      release: ts < start + (SEED_DAYS / 2) * 86_400_000 ? RELEASES[0] : RELEASES[1],
    };
    if (failed) {
      event.errorType = pick(ERRORS);
      event.errorMessage = `${event.errorType} from ${m.provider}`;
    }
    if (fallback) event.fallbackFrom = "gpt-4o";
    out.push(event);
    if (!failed && random() < 0.12) {
      feedback.push({ eventId: id, userId, timestamp: event.timestamp, thumbs: random() < 0.75 ? "up" : "down" });
    }
  }
  out.sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
  return { events: out, feedback };
}
