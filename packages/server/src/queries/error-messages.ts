/** Longest normalized message kept; provider messages can carry whole request bodies. */
const MAX_LENGTH = 300;

// A quoted value starts after a separator and ends before one, so apostrophes ("model's", "don't") are left alone.
const QUOTED = /(^|[\s([{:=,])(["'`])[^"'`\n]{0,200}?\2(?=$|[\s)\]}:;,.!?])/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
// Tokens that mix digits with letters (req_8f3a2b, call_abc123, 0x1f3e…) are ids; hex runs without letters stay numbers.
const MIXED_TOKEN = /\b(?=[\w-]*\d)(?=[\w-]*[a-z])[\w-]*\w\b/gi;
const NUMBER = /\d+(?:[.,]\d+)*/g;

/**
 * The grouping form of an error message: quoted values → '…', ids → <id>, numbers → <n>,
 * whitespace collapsed, so "Request timed out after 30000 ms" and "…after 60000 ms" group.
 */
export function normalizeErrorMessage(message: string): string {
  const normalized = message
    .replace(/\s+/g, " ")
    .trim()
    .replace(QUOTED, "$1$2…$2")
    .replace(UUID, "<id>")
    .replace(MIXED_TOKEN, "<id>")
    .replace(NUMBER, "<n>");
  return normalized.length > MAX_LENGTH ? `${normalized.slice(0, MAX_LENGTH)}…` : normalized;
}
