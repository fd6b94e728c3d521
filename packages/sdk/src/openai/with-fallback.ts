import type { LlmEventInput } from "@promptmeter/schema";
import { errorFacts } from "./error-facts.js";

/** One observed call, finished: its event, when it ran (performance.now), and where its event goes. */
export interface CallRecord {
  event: LlmEventInput;
  startedAt: number;
  endedAt: number;
  emit(event: LlmEventInput): void;
}

/** Where an observed call inside `withFallback` reports instead of logging on its own. */
export interface FallbackAttempt {
  report(record: CallRecord): void;
}

let active: FallbackAttempt | undefined;

/** The fallback attempt an observed `create()` is being called from, if any (read synchronously at call time). */
export function currentAttempt(): FallbackAttempt | undefined {
  return active;
}

/** Folds every attempt of one request into the single event SPEC.md §1 asks for. */
class FallbackScope {
  private readonly records: (CallRecord | undefined)[] = [];
  private final: number | undefined;
  private emitted = false;
  private readonly startedAt = performance.now();
  private readonly timestamp = Date.now();

  constructor(private readonly firstModel: string) {}

  attempt(index: number): FallbackAttempt {
    return {
      report: (record) => {
        this.records[index] = record;
        this.emitIfDone();
      },
    };
  }

  /** The attempt whose outcome is the request's outcome; a stream reports later, when it ends. */
  settle(index: number): void {
    this.final = index;
    this.emitIfDone();
  }

  private emitIfDone(): void {
    const last = this.final === undefined ? undefined : this.records[this.final];
    if (this.emitted || last === undefined || this.final === undefined) return;
    this.emitted = true;
    const retries = this.records.reduce((sum, r) => sum + (r?.event.retries ?? 0), 0);
    const fallback = this.final > 0;
    const event: LlmEventInput = {
      ...last.event,
      timestamp: this.timestamp,
      latencyMs: last.endedAt - this.startedAt,
      retries: Math.min(100, retries),
      fallback,
    };
    if (fallback) event.fallbackFrom = this.firstModel;
    // TTFT of the request, not of the last attempt: the failed attempts kept the user waiting too.
    if (last.event.ttftMs !== undefined) event.ttftMs = last.event.ttftMs + (last.startedAt - this.startedAt);
    last.emit(event);
  }
}

export interface WithFallbackOptions {
  /** Whether an error moves on to the next model (default: any error except the caller cancelling). */
  shouldFallback?: (error: unknown) => boolean;
}

const defaultShouldFallback = (error: unknown) => errorFacts(error).errorType !== "cancelled";

/**
 * Tries `call` with each model in turn until one succeeds, and logs the whole thing as one
 * event: the model that answered, `fallback`, `fallbackFrom` (the first model), the SDK
 * retries of every attempt and the wall time from the first try. `call` must call an
 * observed client's `create()` before its first `await`, which is how the attempt is known:
 *
 *     const reply = await withFallback(["gpt-4o", "gpt-4o-mini"], (model) =>
 *       openai.chat.completions.create({ model, messages }));
 */
export async function withFallback<T>(
  models: readonly string[],
  call: (model: string) => Promise<T>,
  options: WithFallbackOptions = {},
): Promise<T> {
  const [first] = models;
  if (first === undefined) throw new TypeError("withFallback needs at least one model");
  const scope = new FallbackScope(first);
  const shouldFallback = options.shouldFallback ?? defaultShouldFallback;
  for (const [index, model] of models.entries()) {
    const previous = active;
    active = scope.attempt(index);
    let pending: Promise<T>;
    try {
      pending = call(model);
    } catch (error) {
      pending = Promise.reject(error);
    } finally {
      active = previous;
    }
    try {
      const result = await pending;
      scope.settle(index);
      return result;
    } catch (error) {
      if (index === models.length - 1 || !shouldFallback(error)) {
        scope.settle(index);
        throw error;
      }
    }
  }
  throw new Error("unreachable: the last model either returns or throws");
}
