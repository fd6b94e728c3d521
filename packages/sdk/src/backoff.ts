/** Longest `Retry-After` honoured, so a misconfigured proxy cannot park the logger for hours. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed so retries never bunch
 * at zero, half is random so many clients coming back from one outage do not retry in step.
 */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
