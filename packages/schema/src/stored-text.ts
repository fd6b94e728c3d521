import { z } from "zod";

const NUL = "\u0000";
/** A UTF-16 surrogate not part of a pair (in `u` mode a proper pair is one code point, not a surrogate). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A string stored in a text column: at most `max` characters, no NUL (PostgreSQL text cannot
 * hold it) and well-formed Unicode (a lone surrogate would come back as U+FFFD), so what is
 * stored reads back byte-identical on every database.
 */
export function storedText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !s.includes(NUL), "must not contain NUL (U+0000) characters")
    .refine((s) => !LONE_SURROGATE.test(s), "must be well-formed Unicode (no lone surrogate)");
}

/** Exactly the rules of `storedText(max)` as a predicate, for hand-checked fast paths. */
export function isStoredText(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length <= max && !value.includes(NUL) && !LONE_SURROGATE.test(value);
}
