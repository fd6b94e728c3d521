import type { ErrorType, FeedbackInput, LlmEventInput } from "@promptmeter/schema";
import { COMMENTS, ERROR_MESSAGES, FEATURES, type FeatureSpec, MODELS, type ModelSpec } from "./catalog.js";
import { Rng } from "./random.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface DatasetOptions {
  /** Same seed, same data. Default 42. */
  seed?: number;
  /** Number of events. Default 200,000. */
  events?: number;
  /** Days of history ending at `end`. Default 30. */
  days?: number;
  /** End of the dataset (epoch ms, exclusive). Default: now rounded down to the minute. */
  end?: number;
  /** Share of events that carry input/output payloads. Default 0.05. */
  payloadShare?: number;
}

/** One generated request and, sometimes, the user's feedback on it. */
export interface GeneratedItem {
  event: LlmEventInput & { id: string; timestamp: number };
  feedback?: FeedbackInput & { id: string; timestamp: number };
}

/** Where the story of the demo product happens, as fractions of the period; exported so tests can find it. */
export const STORY = {
  /** A 90-minute OpenAI outage: retries and fallbacks to Anthropic rescue most requests. */
  outageStart: 0.62,
  outageMinutes: 90,
  /** Release 1.5.0 breaks the code assistant (invalid requests); 1.5.1 fixes it. */
  badRelease: 0.45,
  fixRelease: 0.53,
} as const;

const BASE_ERRORS: readonly (readonly [ErrorType, number])[] = [
  ["rate_limit", 30],
  ["timeout", 20],
  ["server_error", 15],
  ["network", 10],
  ["invalid_request", 10],
  ["context_length", 8],
  ["content_filter", 4],
  ["cancelled", 2],
  ["auth", 1],
];
const HTTP_STATUS: Partial<Record<ErrorType, number>> = {
  rate_limit: 429,
  timeout: 504,
  server_error: 500,
  auth: 401,
  invalid_request: 400,
  context_length: 400,
  content_filter: 400,
};

/** Relative traffic at a UTC instant: a European+American working day, quieter weekends, gentle growth. */
function trafficWeight(ts: number, start: number, span: number): number {
  const d = new Date(ts);
  const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
  const diurnal = 0.25 + Math.exp(-((hour - 10) ** 2) / 10) + 1.1 * Math.exp(-((hour - 16) ** 2) / 12);
  const weekday = d.getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? 0.45 : 1;
  const growth = 0.85 + 0.3 * ((ts - start) / span);
  return diurnal * weekly * growth;
}

interface SessionState {
  userIndex: number;
  lastTs: number;
  sessionId: string;
  feature: FeatureSpec;
}

/**
 * Streams a realistic dataset in time order without holding it in memory, so
 * `promptmeter seed --events 10000000` runs in constant memory.
 */
export function* generateEvents(options: DatasetOptions = {}): Generator<GeneratedItem> {
  const seed = options.seed ?? 42;
  const total = options.events ?? 200_000;
  const days = options.days ?? 30;
  const end = options.end ?? Math.floor(Date.now() / MINUTE) * MINUTE;
  const payloadShare = options.payloadShare ?? 0.05;
  const span = days * DAY;
  const start = end - span;
  const minutes = Math.round(span / MINUTE);
  const rng = new Rng(seed);
  const users = Math.max(20, Math.round(total / 150));
  const tag = seed.toString(36);

  const weights = new Float64Array(minutes);
  let weightSum = 0;
  for (let m = 0; m < minutes; m++) {
    weights[m] = trafficWeight(start + m * MINUTE, start, span);
    weightSum += weights[m]!;
  }

  const outageStart = start + Math.round((STORY.outageStart * span) / MINUTE) * MINUTE;
  const outageEnd = outageStart + STORY.outageMinutes * MINUTE;
  const badRelease = start + STORY.badRelease * span;
  const fixRelease = start + STORY.fixRelease * span;
  // Short bursts of timeouts on one model: incidents for the availability strip.
  const bursts = Array.from({ length: Math.max(2, Math.round(days / 4)) }, () => {
    const at = start + rng.next() * span;
    return { from: at, to: at + rng.int(4, 15) * MINUTE, model: rng.pick(MODELS.slice(0, 17)) };
  });

  // Sessions active in the last 20 minutes: follow-ups come from here, so sessions are bursts.
  let active: SessionState[] = [];
  let sessionCounter = 0;
  let produced = 0;
  let carry = 0;
  for (let m = 0; m < minutes && produced < total; m++) {
    const exact = (total * weights[m]!) / weightSum + carry;
    let count = Math.floor(exact);
    carry = exact - count;
    if (m === minutes - 1) count = total - produced;
    count = Math.min(count, total - produced);
    const minuteStart = start + m * MINUTE;
    const offsets = Array.from({ length: count }, () => Math.floor(rng.next() * MINUTE)).sort((a, b) => a - b);
    for (const offset of offsets) {
      const ts = minuteStart + offset;
      const index = produced++;
      yield makeItem(ts, index);
    }
  }

  function makeItem(ts: number, index: number): GeneratedItem {
    const id = `ev_${tag}_${ts.toString(36)}_${index.toString(36)}`;
    const anonymous = rng.chance(0.03);
    if (index % 256 === 0) active = active.filter((s) => ts - s.lastTs < 20 * MINUTE);
    let state: SessionState | undefined;
    let followUp = false;
    const candidate = !anonymous && active.length > 0 && rng.chance(0.7) ? rng.pick(active) : undefined;
    if (candidate && ts - candidate.lastTs < 20 * MINUTE && rng.chance(candidate.feature.followUp)) {
      state = candidate;
      followUp = true;
    } else if (!anonymous) {
      // Zipf-like skew: a few heavy users, a long tail.
      const userIndex = Math.floor(users * rng.next() ** 2.4);
      state = {
        userIndex,
        lastTs: ts,
        sessionId: `sess_${tag}_${(sessionCounter++).toString(36)}`,
        feature: rng.weighted(FEATURES.map((f) => [f, f.weight] as const)),
      };
      active.push(state);
    }
    const userIndex = state?.userIndex ?? 0;
    const feature = state?.feature ?? FEATURES[5]!;
    if (state) state.lastTs = ts;

    let spec: ModelSpec = MODELS[rng.weighted(feature.models)]!;
    const release = ts < badRelease ? "1.4.0" : ts < fixRelease ? "1.5.0" : "1.5.1";
    const environment = rng.chance(0.05) ? "staging" : "production";

    const inputTokens = Math.max(1, Math.round(rng.logNormal(feature.inputMedian * (followUp ? 1.6 : 1), 0.6)));
    let outputTokens = feature.outputMedian === 0 ? 0 : Math.max(1, Math.round(rng.logNormal(feature.outputMedian, 0.5)));
    let reasoningTokens = 0;
    if (spec.reasoning) {
      reasoningTokens = Math.round(outputTokens * (0.5 + rng.next() * 1.5));
      outputTokens += reasoningTokens;
    }
    let cacheReadTokens = 0;
    let cacheWriteTokens = 0;
    if (spec.caching && followUp && rng.chance(0.6)) cacheReadTokens = Math.round(inputTokens * (0.3 + rng.next() * 0.5));
    if (spec.caching && spec.provider === "anthropic" && !followUp && rng.chance(0.3)) cacheWriteTokens = Math.round(inputTokens * 0.25);
    if (cacheReadTokens + cacheWriteTokens > inputTokens) cacheWriteTokens = 0;

    const streamed = rng.chance(feature.streamed);
    let latencyMs = spec.overheadMs * rng.logNormal(1, 0.3) + outputTokens * spec.msPerToken * rng.logNormal(1, 0.25);
    let status: "success" | "error" = "success";
    let errorType: ErrorType | undefined;
    let retries = 0;
    let fallback = false;
    let fallbackFrom: string | undefined;

    const inOutage = spec.provider === "openai" && ts >= outageStart && ts < outageEnd && spec.model !== "text-embedding-3-small";
    const burst = bursts.find((b) => b.model === spec && ts >= b.from && ts < b.to);
    if (inOutage) {
      const r = rng.next();
      retries = rng.int(1, 3);
      latencyMs += retries * rng.logNormal(1500, 0.4);
      if (r < 0.55) {
        // Retries got through.
      } else if (r < 0.8) {
        fallback = true;
        fallbackFrom = spec.model;
        spec = MODELS[6]!;
        latencyMs += spec.overheadMs + outputTokens * spec.msPerToken;
      } else {
        status = "error";
        errorType = rng.chance(0.7) ? "server_error" : "rate_limit";
      }
    } else if (burst && rng.chance(0.75)) {
      status = "error";
      errorType = "timeout";
      retries = rng.int(0, 2);
    } else if (feature.feature === "code-assistant" && release === "1.5.0" && rng.chance(0.16)) {
      status = "error";
      errorType = rng.chance(0.7) ? "invalid_request" : "context_length";
    } else if (rng.chance(0.022)) {
      status = "error";
      errorType = rng.weighted(BASE_ERRORS);
      if (errorType === "rate_limit" || errorType === "server_error") retries = rng.int(0, 2);
    } else if (rng.chance(0.03)) {
      // A transient failure that a retry fixed.
      retries = 1;
      latencyMs += rng.logNormal(800, 0.5);
    }
    if (status === "error") {
      outputTokens = 0;
      reasoningTokens = 0;
      if (errorType === "timeout") latencyMs = 30_000 + rng.next() * 500;
      else latencyMs = Math.min(latencyMs, rng.logNormal(400, 0.6));
      if (errorType === "invalid_request" || errorType === "context_length" || errorType === "auth") {
        cacheReadTokens = 0;
        cacheWriteTokens = 0;
      }
    }
    const cacheHit = status === "success" && feature.feature === "support-chat" && rng.chance(0.03);
    if (cacheHit) latencyMs = rng.logNormal(25, 0.3);
    latencyMs = Math.round(latencyMs * 10) / 10;
    const ttftMs =
      streamed && status === "success"
        ? Math.min(latencyMs, Math.round(spec.overheadMs * rng.logNormal(0.8, 0.3) + reasoningTokens * spec.msPerToken * 0.5))
        : undefined;

    const event: GeneratedItem["event"] = {
      id,
      timestamp: ts,
      provider: spec.provider,
      model: spec.model,
      status,
      latencyMs,
      usage: { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens },
      streamed,
      retries,
      fallback,
      cacheHit,
      feature: feature.feature,
      environment,
      release,
    };
    if (ttftMs !== undefined) event.ttftMs = ttftMs;
    if (fallbackFrom) event.fallbackFrom = fallbackFrom;
    if (errorType) {
      event.errorType = errorType;
      event.errorMessage = rng.pick(ERROR_MESSAGES[errorType] ?? ["error"]);
      const http = HTTP_STATUS[errorType];
      if (http) event.httpStatus = http;
    }
    if (spec.provider === "azure" && status === "success" && rng.chance(0.5)) event.responseModel = `${spec.model}-2024-11-20`;
    if (!anonymous) {
      event.userId = `user_${userIndex.toString().padStart(4, "0")}`;
      event.sessionId = state!.sessionId;
      event.traceId = `tr_${tag}_${index.toString(36)}`;
    }
    if (userIndex < users * 0.05 && !anonymous) event.tags = ["enterprise"];
    else if (rng.chance(0.1)) event.tags = ["beta"];
    if (rng.chance(0.3))
      event.metadata = {
        plan: userIndex < users * 0.05 ? "enterprise" : userIndex < users * 0.3 ? "pro" : "free",
        region: rng.pick(["eu", "us", "apac"]),
      };
    // A gateway that reports its own billed cost for a few requests.
    if (status === "success" && !cacheHit && rng.chance(0.02))
      event.costUsd = Math.round(((inputTokens * 2 + outputTokens * 8) / 1e6) * 1e6) / 1e6;
    if (rng.chance(payloadShare)) {
      event.input = [
        { role: "system", content: `You are the ${feature.feature} assistant of Acme.` },
        { role: "user", content: `Request #${index} about ${feature.feature}` },
      ];
      if (status === "success") event.output = `Answer #${index}: here is what I found for your ${feature.feature} request.`;
    }

    const item: GeneratedItem = { event };
    if (!anonymous && feature.feature !== "embeddings" && rng.chance(0.1)) {
      let p = feature.satisfaction;
      if (status === "error") p = 0.1;
      else if (fallback || retries > 0) p -= 0.1;
      if (latencyMs > 8000) p -= 0.25;
      if (feature.feature === "code-assistant" && release === "1.5.0") p -= 0.3;
      const liked = rng.chance(Math.max(0.02, p));
      const kind = rng.weighted([
        ["thumbs", 55],
        ["stars", 35],
        ["score", 10],
      ] as const);
      const fb: GeneratedItem["feedback"] = {
        id: `fb_${id}`,
        timestamp: ts + Math.round(latencyMs) + rng.int(5_000, 120_000),
        userId: event.userId!,
        sessionId: event.sessionId!,
      };
      if (rng.chance(0.9)) fb.eventId = id;
      if (kind === "thumbs") fb.thumbs = liked ? "up" : "down";
      else if (kind === "stars") fb.stars = liked ? rng.int(4, 5) : rng.int(1, 3);
      else fb.score = Math.round((liked ? 0.7 + rng.next() * 0.3 : rng.next() * 0.5) * 100) / 100;
      if (rng.chance(0.3)) fb.comment = rng.pick(liked ? COMMENTS.positive : rng.chance(0.3) ? COMMENTS.neutral : COMMENTS.negative);
      item.feedback = fb;
    }
    return item;
  }
}

/** The whole dataset in memory (tests, small demos). */
export function generateDataset(options: DatasetOptions = {}): {
  events: GeneratedItem["event"][];
  feedback: NonNullable<GeneratedItem["feedback"]>[];
} {
  const events: GeneratedItem["event"][] = [];
  const feedback: NonNullable<GeneratedItem["feedback"]>[] = [];
  for (const item of generateEvents(options)) {
    events.push(item.event);
    if (item.feedback) feedback.push(item.feedback);
  }
  return { events, feedback };
}
