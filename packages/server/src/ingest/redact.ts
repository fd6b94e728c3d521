import type { LlmEvent } from "@promptmeter/schema";

/**
 * Every pattern starts behind a lookbehind and has bounded or run-delimited repeats, so a
 * hostile 256 KB payload is scanned in linear time.
 */
const API_KEYS = [
  // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-) and most sk- style keys.
  /(?<![\w-])sk-[\w-]{16,}/g,
  // Promptmeter's own keys.
  /(?<!\w)pm_(?:ingest|read)_[0-9A-Za-z]{16,}/g,
  // AWS access key ids.
  /(?<![0-9A-Za-z])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/g,
  // GitHub tokens.
  /(?<!\w)(?:gh[pousr]_[0-9A-Za-z]{36,}|github_pat_\w{22,})/g,
  // Google API keys.
  /(?<![\w-])AIza[\w-]{35}/g,
  // Slack tokens.
  /(?<![\w-])xox[abposr]-[0-9A-Za-z-]{10,}/g,
];
/** `Bearer <token>` where the token holds a digit, so prose such as "Bearer authentication" stays. */
const BEARER = /\b(Bearer)[ \t]+(?=[\w.~+/-]*\d)[\w.~+/-]{8,}=*/gi;
const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@(?:[0-9A-Za-z-]{1,63}\.){1,8}[A-Za-z]{2,24}\b/g;
/** 13–19 digits, optionally grouped by spaces or dashes; kept unless the Luhn check passes. */
const CARD_CANDIDATE = /(?<![\d-])(?:\d[ -]?){12,18}\d(?!\d)/g;

/** The Luhn checksum every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function card(match: string): string {
  const digits = match.replace(/[ -]/g, "");
  // Card numbers start 2–6 (Mastercard, Visa, Amex, Discover, JCB…); this spares epoch-ms timestamps and the like.
  return digits.length >= 13 && /^[2-6]/.test(digits) && luhnValid(digits) ? "[redacted:card]" : match;
}

/** Replaces emails, payment card numbers, API keys and bearer tokens in `text` with `[redacted:<kind>]`. */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of API_KEYS) out = out.replace(pattern, "[redacted:api_key]");
  out = out.replace(BEARER, "$1 [redacted:token]");
  out = out.replace(EMAIL, "[redacted:email]");
  return out.replace(CARD_CANDIDATE, card);
}

/** Redacts every string inside a payload; validation has already bounded its nesting. */
function redactDeep(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  }
  return value;
}

/** The event with its input/output payloads and errorMessage redacted; identifiers are kept so KPIs still group by them. */
export function redactEvent(e: LlmEvent): LlmEvent {
  return {
    ...e,
    ...(e.errorMessage === undefined ? {} : { errorMessage: redactText(e.errorMessage) }),
    ...(e.input === undefined ? {} : { input: redactDeep(e.input) as LlmEvent["input"] }),
    ...(e.output === undefined ? {} : { output: redactDeep(e.output) as LlmEvent["output"] }),
  };
}
