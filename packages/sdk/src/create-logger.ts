import { type FeedbackInput, type IngestResult, LIMITS, type LlmEventInput, utf8Length } from "@promptmeter/schema";
import { backoffDelay } from "./backoff.js";
import { BoundedQueue } from "./bounded-queue.js";
import { type BatchKind, postBatch } from "./post-batch.js";
import { uuidv7 } from "./uuidv7.js";

export interface LoggerOptions {
  /** Base URL of the Promptmeter server, including any mount prefix (`https://pm.example.com`, `https://app.example.com/promptmeter`). */
  url: string;
  /** An ingest key (`pm_ingest_…`). */
  apiKey: string;
  /** Send as soon as this many items wait (default 100, at most 1,000). */
  batchSize?: number;
  /** Send whatever waits after this long (default 1,000 ms). */
  flushIntervalMs?: number;
  /** Items kept waiting, events and feedback together; past it the oldest are dropped and counted (default 10,000). */
  maxQueueSize?: number;
  /** Serialized bytes kept waiting; past it the oldest are dropped and counted (default 32 MB). */
  maxQueueBytes?: number;
  /** Retries of one batch before it is given up (default 10; network errors, 408, 429 and 5xx are retried). */
  maxRetries?: number;
  /** First retry delay (default 500 ms); it doubles per attempt, with jitter, up to `maxBackoffMs` (default 30 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Time allowed for one request (default 10 s). */
  timeoutMs?: number;
  /** Fields every event gets unless it sets them itself (environment, release, tags, feature, …). */
  defaults?: Partial<Omit<LlmEventInput, "id" | "timestamp">>;
  /** Flush on the process's `beforeExit` (Node; default true), for at most `exitTimeoutMs` (default 5 s). */
  flushOnExit?: boolean;
  exitTimeoutMs?: number;
  /** Told about every item that will not be stored; the logger itself never throws. */
  onError?: (problem: LoggerProblem) => void;
}

export interface LoggerProblem {
  /** `dropped`: the queue was full; `rejected`: the server (or serialization) refused items; `failed`: a batch was given up. */
  kind: "dropped" | "rejected" | "failed";
  /** How many items this is about. */
  count: number;
  message: string;
  /** The server's reasons, per item of the batch, for `rejected`. */
  rejected?: IngestResult["rejected"];
}

/** Counters since the logger was created. */
export interface LoggerStats {
  /** Waiting in the queue, and in the batch being sent. */
  queued: number;
  queuedBytes: number;
  inFlight: number;
  /** Stored by the server for the first time. */
  sent: number;
  /** Already stored (a resend after a lost answer): stored once, not twice. */
  duplicates: number;
  rejected: number;
  /** Dropped, oldest first, because the queue was full (or the logger was shut down). */
  dropped: number;
  /** Given up after `maxRetries`, or refused as a whole (bad key, wrong URL). */
  failed: number;
  /** HTTP attempts that were retried. */
  retries: number;
}

export interface Logger {
  /** Queues an event and returns its id (assigned here when absent, so resends are deduplicated). Never throws. */
  log(event: LlmEventInput): string;
  /** Queues feedback and returns its id. Never throws. */
  feedback(feedback: FeedbackInput): string;
  /** Sends everything queued so far; resolves once it is stored or given up (or after `timeoutMs`). Never rejects. */
  flush(options?: { timeoutMs?: number }): Promise<void>;
  /** Flushes (for at most `timeoutMs`, default 10 s), then stops; later items are dropped. */
  shutdown(options?: { timeoutMs?: number }): Promise<void>;
  readonly stats: LoggerStats;
}

interface Item {
  kind: BatchKind;
  seq: number;
  json: string;
  bytes: number;
}

type Timer = ReturnType<typeof setTimeout>;

/** Lets the process exit while only Promptmeter's timers are pending (Node); a no-op on edge runtimes. */
function setRef(timer: Timer | undefined, ref: boolean): void {
  const t = timer as { ref?: () => void; unref?: () => void } | undefined;
  if (ref) t?.ref?.();
  else t?.unref?.();
}

/** Resolves after `ms` or when `promise` settles, whichever is first, leaving no timer behind. */
async function within(promise: Promise<void>, ms: number | undefined): Promise<void> {
  if (ms === undefined) return promise;
  let timer: Timer | undefined;
  try {
    await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Room kept under the server's 5 MB body limit for the envelope and for its own accounting. */
const MAX_BATCH_BYTES = Math.floor(LIMITS.batchBytes * 0.9);

class BatchingLogger implements Logger {
  private readonly endpoint: Record<BatchKind, string>;
  private readonly batchSize: number;
  private readonly queue: BoundedQueue<Item>;
  private queuedBytes = 0;
  /** Sequence number of the last item queued; items settle (stored, refused or dropped) in this order. */
  private seq = 0;
  /** Items up to this sequence number go out without waiting for a full batch (flush, timer). */
  private sendUpTo = 0;
  private inFlight: Item[] | null = null;
  private pumping: Promise<void> | null = null;
  private batchTimer: Timer | undefined;
  private backoff: { timer: Timer; wake: () => void } | undefined;
  /** While a flush waits, timers keep the process alive; otherwise they never hold it open. */
  private draining = 0;
  private closed = false;
  /** After a shutdown deadline: stop retrying, give up what is left. */
  private abandoned = false;
  private exitFlushStarted = false;
  private lastDropReport = 0;
  private droppedSinceReport = 0;
  private readonly counters = { sent: 0, duplicates: 0, rejected: 0, dropped: 0, failed: 0, retries: 0 };

  constructor(private readonly options: LoggerOptions) {
    const base = options.url.replace(/\/+$/, "");
    this.endpoint = { events: `${base}/v1/events`, feedback: `${base}/v1/feedback` };
    this.batchSize = Math.max(1, Math.min(LIMITS.batchEvents, options.batchSize ?? 100));
    this.queue = new BoundedQueue(Math.max(1, options.maxQueueSize ?? 10_000));
    if (options.flushOnExit !== false) processOf()?.on("beforeExit", this.onBeforeExit);
  }

  get stats(): LoggerStats {
    return {
      queued: this.queue.size,
      queuedBytes: this.queuedBytes,
      inFlight: this.inFlight?.length ?? 0,
      ...this.counters,
    };
  }

  log(event: LlmEventInput): string {
    let id = "";
    try {
      id = event.id ?? uuidv7();
      this.enqueue("events", { ...this.options.defaults, ...event, id, timestamp: event.timestamp ?? Date.now() });
    } catch (error) {
      this.refuse(error);
    }
    return id;
  }

  feedback(feedback: FeedbackInput): string {
    let id = "";
    try {
      id = feedback.id ?? uuidv7();
      this.enqueue("feedback", { ...feedback, id, timestamp: feedback.timestamp ?? Date.now() });
    } catch (error) {
      this.refuse(error);
    }
    return id;
  }

  async flush(options: { timeoutMs?: number } = {}): Promise<void> {
    const target = this.seq;
    this.sendUpTo = Math.max(this.sendUpTo, target);
    this.draining += 1;
    setRef(this.backoff?.timer, true);
    try {
      await within(this.drainTo(target), options.timeoutMs);
    } catch {
      // drainTo never rejects by construction; this only guards the caller's promise.
    } finally {
      this.draining -= 1;
      if (this.draining === 0) setRef(this.backoff?.timer, false);
    }
  }

  async shutdown(options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      processOf()?.off("beforeExit", this.onBeforeExit);
      clearTimeout(this.batchTimer);
    }
    await this.flush({ timeoutMs: options.timeoutMs ?? 10_000 });
    this.abandoned = true;
    this.backoff?.wake();
    // Past the deadline nothing more is sent: what still waits is given up, not left behind silently.
    let left = 0;
    for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) left += 1;
    this.queuedBytes = 0;
    if (left > 0) this.giveUp(left, `gave up on ${left} queued items at shutdown`);
  }

  private readonly onBeforeExit = (): void => {
    // Once per exit: a server that stays down must not hold the process open for ever.
    if (this.exitFlushStarted || !this.pendingUpTo(this.seq)) return;
    this.exitFlushStarted = true;
    void this.flush({ timeoutMs: this.options.exitTimeoutMs ?? 5000 }).then(() => {
      if (!this.pendingUpTo(this.seq)) this.exitFlushStarted = false;
    });
  };

  private enqueue(kind: BatchKind, value: object): void {
    if (this.closed) {
      this.drop(1, "the logger was shut down");
      return;
    }
    const json = JSON.stringify(value);
    const bytes = utf8Length(json);
    if (bytes > MAX_BATCH_BYTES) throw new Error(`item is ${bytes} bytes serialized; the server takes at most ${MAX_BATCH_BYTES}`);
    const dropped = this.queue.push({ kind, seq: ++this.seq, json, bytes });
    this.queuedBytes += bytes;
    if (dropped) this.discard(dropped);
    while (this.queuedBytes > (this.options.maxQueueBytes ?? 32 * 1024 * 1024) && this.queue.size > 1) {
      const oldest = this.queue.shift();
      if (oldest) this.discard(oldest);
    }
    if (this.queue.size >= this.batchSize) this.kick();
    else this.armTimer();
  }

  private discard(item: Item): void {
    this.queuedBytes -= item.bytes;
    this.drop(1, "the queue was full (the server is slow or unreachable); dropped the oldest items");
  }

  /** Counts drops, telling `onError` at most once a second so an overload does not become a callback storm. */
  private drop(count: number, message: string): void {
    this.counters.dropped += count;
    this.droppedSinceReport += count;
    const now = Date.now();
    if (now - this.lastDropReport < 1000) return;
    this.lastDropReport = now;
    this.report({ kind: "dropped", count: this.droppedSinceReport, message });
    this.droppedSinceReport = 0;
  }

  private refuse(error: unknown): void {
    this.counters.rejected += 1;
    this.report({ kind: "rejected", count: 1, message: `not queued: ${error instanceof Error ? error.message : String(error)}` });
  }

  private report(problem: LoggerProblem): void {
    try {
      this.options.onError?.(problem);
    } catch {
      // The host's error callback must not break logging either.
    }
  }

  private armTimer(): void {
    if (this.batchTimer !== undefined || this.queue.size === 0) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      this.sendUpTo = Math.max(this.sendUpTo, this.seq);
      this.kick();
    }, this.options.flushIntervalMs ?? 1000);
    setRef(this.batchTimer, false);
  }

  private pendingUpTo(target: number): boolean {
    const first = this.inFlight?.[0] ?? this.queue.peek();
    return first !== undefined && first.seq <= target;
  }

  private async drainTo(target: number): Promise<void> {
    while (this.pendingUpTo(target)) {
      this.kick();
      if (!this.pumping) return;
      await this.pumping;
    }
  }

  private kick(): void {
    if (this.pumping) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      if (this.shouldSend()) this.kick();
      else this.armTimer();
    });
  }

  private shouldSend(): boolean {
    const head = this.queue.peek();
    return head !== undefined && (this.queue.size >= this.batchSize || head.seq <= this.sendUpTo);
  }

  /** Sends batches one at a time, in order, while there is a full batch or a flush asks for more. */
  private async pump(): Promise<void> {
    while (this.shouldSend()) {
      const batch = this.takeBatch();
      this.inFlight = batch;
      try {
        await this.deliver(batch);
      } catch (error) {
        this.giveUp(batch.length, `internal error: ${String(error)}`);
      } finally {
        this.inFlight = null;
      }
    }
  }

  /** The longest run of same-kind items at the head that fits one request. */
  private takeBatch(): Item[] {
    const batch: Item[] = [];
    let bytes = 0;
    for (let head = this.queue.peek(); head !== undefined; head = this.queue.peek()) {
      if (batch.length > 0 && (head.kind !== batch[0]?.kind || batch.length >= this.batchSize || bytes + head.bytes > MAX_BATCH_BYTES))
        break;
      this.queue.shift();
      this.queuedBytes -= head.bytes;
      bytes += head.bytes;
      batch.push(head);
    }
    return batch;
  }

  private async deliver(batch: Item[]): Promise<void> {
    const kind = batch[0]?.kind ?? "events";
    const maxRetries = this.options.maxRetries ?? 10;
    for (let attempt = 0; ; attempt += 1) {
      const items = batch.map((i) => i.json);
      const outcome = await postBatch(this.endpoint[kind], this.options.apiKey, kind, items, this.options.timeoutMs ?? 10_000);
      if (outcome.type === "stored") {
        const { accepted, duplicates, rejected } = outcome.result;
        this.counters.sent += accepted;
        this.counters.duplicates += duplicates;
        const refused = new Set(rejected.map((r) => r.index)).size;
        this.counters.rejected += refused;
        if (refused > 0)
          this.report({ kind: "rejected", count: refused, message: `the server rejected ${refused} of ${batch.length} ${kind}`, rejected });
        return;
      }
      if (outcome.type === "too_large" && batch.length > 1) {
        // A server configured below 5 MB: halve until the pieces fit.
        const half = Math.ceil(batch.length / 2);
        await this.deliver(batch.slice(0, half));
        await this.deliver(batch.slice(half));
        return;
      }
      if (outcome.type !== "retry" || attempt >= maxRetries || this.abandoned) {
        this.giveUp(batch.length, `gave up on ${batch.length} ${kind}: ${outcome.reason}`);
        return;
      }
      this.counters.retries += 1;
      await this.sleep(
        outcome.retryAfterMs ?? backoffDelay(attempt, this.options.minBackoffMs ?? 500, this.options.maxBackoffMs ?? 30_000),
      );
      if (this.abandoned) {
        this.giveUp(batch.length, `gave up on ${batch.length} ${kind} at shutdown: ${outcome.reason}`);
        return;
      }
    }
  }

  private giveUp(count: number, message: string): void {
    this.counters.failed += count;
    this.report({ kind: "failed", count, message });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.backoff = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      setRef(timer, this.draining > 0);
      this.backoff = { timer, wake };
    });
  }
}

/** Node's `process` when it has events; undefined on edge runtimes and in browsers. */
function processOf(): { on(event: "beforeExit", fn: () => void): unknown; off(event: "beforeExit", fn: () => void): unknown } | undefined {
  const proc = (globalThis as { process?: { on?: unknown; off?: unknown } }).process;
  return typeof proc?.on === "function" && typeof proc.off === "function" ? (proc as ReturnType<typeof processOf>) : undefined;
}

/**
 * A batching, retrying logger for `POST /v1/events` and `/v1/feedback` over the global `fetch`
 * (Node 18+, Bun, Deno, edge runtimes). It never throws and never blocks the caller.
 */
export function createLogger(options: LoggerOptions): Logger {
  return new BatchingLogger(options);
}
