import { z } from "zod";
import { LIMITS } from "./limits.js";
import { storedText } from "./stored-text.js";
import { eventTimestamp } from "./timestamp.js";

export const Sentiment = z.enum(["positive", "neutral", "negative"]);
export type Sentiment = z.infer<typeof Sentiment>;

const identity = storedText(LIMITS.identityLength).min(1, "must not be empty");
const idText = storedText(LIMITS.idLength).min(1, "must not be empty");

/** A user's judgement of an event or a session, as thumbs, stars or a 0–1 score (SPEC.md §2). */
export const Feedback = z
  .object({
    id: idText.optional(),
    eventId: idText.optional(),
    sessionId: identity.optional(),
    userId: identity.optional(),
    timestamp: eventTimestamp.optional(),
    score: z.number().finite().min(0, "must be ≥ 0").max(1, "must be ≤ 1").optional(),
    thumbs: z.enum(["up", "down"]).optional(),
    stars: z.number().int("must be an integer").min(1, "must be ≥ 1").max(5, "must be ≤ 5").optional(),
    sentiment: Sentiment.optional(),
    comment: storedText(LIMITS.commentLength).optional(),
  })
  .check((ctx) => {
    const f = ctx.value;
    if (f.eventId === undefined && f.sessionId === undefined) {
      ctx.issues.push({ code: "custom", input: f, path: ["eventId"], message: "one of eventId or sessionId is required" });
    }
    const given = [f.score, f.thumbs, f.stars].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.issues.push({
        code: "custom",
        input: f,
        path: ["score"],
        message: "exactly one of score, thumbs or stars is required",
      });
    }
  })
  .transform((f) => {
    const score = normalizeScore(f);
    return { ...f, score, sentiment: f.sentiment ?? sentimentOf(score) };
  });
export type FeedbackInput = z.input<typeof Feedback>;
/** Feedback after validation: `score` always set in 0–1, `sentiment` derived when absent. */
export type Feedback = z.output<typeof Feedback>;

/** up = 1, down = 0, stars s → (s − 1) / 4, score as given. */
export function normalizeScore(f: { score?: number | undefined; thumbs?: "up" | "down" | undefined; stars?: number | undefined }): number {
  if (f.score !== undefined) return f.score;
  if (f.thumbs !== undefined) return f.thumbs === "up" ? 1 : 0;
  return ((f.stars ?? 1) - 1) / 4;
}

/** score ≥ 0.7 positive, ≤ 0.3 negative, else neutral. */
export function sentimentOf(score: number): Sentiment {
  if (score >= 0.7) return "positive";
  if (score <= 0.3) return "negative";
  return "neutral";
}
