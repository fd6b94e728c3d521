export type StreamEnd = { outcome: "done" } | { outcome: "error"; error: unknown } | { outcome: "cancelled" };

export interface StreamHooks<T> {
  /** Sees every chunk; returns false to keep it from the caller (a usage chunk only we asked for). */
  onChunk(chunk: T): boolean;
  /** Called once: the stream ended, failed, or the caller stopped reading early. */
  onEnd(end: StreamEnd): void;
}

async function* relay<T>(source: AsyncIterator<T>, hooks: StreamHooks<T>): AsyncGenerator<T> {
  let end: StreamEnd = { outcome: "cancelled" };
  try {
    for (;;) {
      const next = await source.next();
      if (next.done) {
        end = { outcome: "done" };
        return;
      }
      if (hooks.onChunk(next.value)) yield next.value;
    }
  } catch (error) {
    end = { outcome: "error", error };
    throw error;
  } finally {
    // The caller broke out of its loop: let the SDK abort the HTTP request as it would unobserved.
    if (end.outcome === "cancelled") await source.return?.();
    hooks.onEnd(end);
  }
}

/**
 * Observes an OpenAI SDK `Stream` in place, so the caller keeps the very object the SDK
 * returned (with `controller`, `tee()`, `toReadableStream()`, which all read through
 * `iterator`). Returns false when the object is not such a stream.
 */
export function observeStream<T>(stream: unknown, hooks: StreamHooks<T>): boolean {
  const s = stream as { iterator?: () => AsyncIterator<T> } | null;
  if (typeof s?.iterator !== "function") return false;
  const original = s.iterator;
  s.iterator = () => relay(original.call(s), hooks);
  return true;
}
