import { Rng } from "../../src/seed/random.js";

export interface LoadOptions {
  /** `http://host:port` of a running server. */
  base: string;
  /** One ingest key per writer (rate limits are per key). */
  ingestKeys: readonly string[];
  readKey: string;
  seconds: number;
  readers: number;
  /** Events per batch. */
  batchSize?: number;
  seed?: number;
}

export interface LoadReport {
  seconds: number;
  writers: number;
  readers: number;
  batches: number;
  /** Events the server acknowledged as stored (accepted, not duplicates). */
  acknowledged: number;
  eventsPerSecond: number;
  /** Batches resent after a 429, a 503 or a dropped connection. */
  resends: number;
  reads: number;
  readMs: { p50: number; p95: number; p99: number; max: number };
  /** Answers by HTTP status, writes and reads together. */
  statuses: Record<number, number>;
  serverErrors: number;
  networkErrors: number;
  /** Requests the dashboard reports over the run (kpi.overview), to compare with `acknowledged`. */
  reportedRequests: number;
  lost: number;
}

/** The KPIs a dashboard page calls together, each over the last hour. */
const DASHBOARD = ["overview", "cost", "latency", "errors", "throughput", "topUsers", "models", "users", "reliability", "tokens"];
const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * Writers post batches of fresh, time-ordered events as fast as answers come back (resending a
 * batch until it is acknowledged); readers call dashboard KPIs over HTTP in a loop. Then the
 * events the server acknowledged are compared with what kpi.overview reports.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const batchSize = options.batchSize ?? 100;
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const statuses: Record<number, number> = {};
  const count = (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);
  let acknowledged = 0;
  let batches = 0;
  let resends = 0;
  let networkErrors = 0;
  const readLatencies: number[] = [];

  async function writer(w: number, key: string): Promise<void> {
    const rng = new Rng((options.seed ?? 1) * 1000 + w);
    for (let k = 0; Date.now() < deadline; k++) {
      const now = Date.now();
      const events = Array.from({ length: batchSize }, (_, i) => {
        const failed = rng.chance(0.05);
        return {
          id: `load-${w}-${k}-${i}`,
          timestamp: now - (batchSize - i),
          provider: "openai",
          model: rng.pick(MODELS),
          status: failed ? "error" : "success",
          ...(failed ? { errorType: "server_error", errorMessage: "upstream 500" } : {}),
          latencyMs: rng.int(80, 4000),
          usage: { inputTokens: rng.int(10, 3000), outputTokens: rng.int(0, 800) },
          userId: `user-${rng.int(1, 500)}`,
          feature: rng.pick(["chat", "search", "summary"]),
        };
      });
      const body = JSON.stringify({ events });
      for (;;) {
        let res: Response;
        try {
          res = await fetch(`${options.base}/v1/events`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            body,
          });
        } catch {
          networkErrors += 1;
          resends += 1;
          await sleep(50);
          continue;
        }
        count(res.status);
        const text = await res.text();
        if (res.status === 200) {
          acknowledged += (JSON.parse(text) as { accepted: number }).accepted;
          batches += 1;
          break;
        }
        if (res.status >= 400 && res.status < 500 && res.status !== 429)
          throw new Error(`writer ${w}: ${res.status} ${text.slice(0, 300)}`);
        resends += 1;
        await sleep(res.status === 429 ? 1000 * Number(res.headers.get("retry-after") ?? 1) : 50);
      }
    }
  }

  async function reader(r: number): Promise<void> {
    const input = encodeURIComponent(JSON.stringify({ range: { last: "1h" } }));
    for (let i = r; Date.now() < deadline; i++) {
      const procedure = DASHBOARD[i % DASHBOARD.length]!;
      const t0 = performance.now();
      try {
        const res = await fetch(`${options.base}/trpc/kpi.${procedure}?input=${input}`, {
          headers: { authorization: `Bearer ${options.readKey}` },
        });
        await res.arrayBuffer();
        count(res.status);
        if (res.status === 200) readLatencies.push(performance.now() - t0);
      } catch {
        networkErrors += 1;
      }
    }
  }

  await Promise.all([
    ...options.ingestKeys.map((key, w) => writer(w, key)),
    ...Array.from({ length: options.readers }, (_, r) => reader(r)),
  ]);
  const elapsed = (Date.now() - started) / 1000;

  const range = encodeURIComponent(JSON.stringify({ range: { from: started - 3_600_000, to: Date.now() + 60_000 } }));
  const overview = await fetch(`${options.base}/trpc/kpi.overview?input=${range}`, {
    headers: { authorization: `Bearer ${options.readKey}` },
  });
  const reportedRequests = ((await overview.json()) as { result: { data: { requests: number } } }).result.data.requests;
  readLatencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    seconds: Math.round(elapsed * 10) / 10,
    writers: options.ingestKeys.length,
    readers: options.readers,
    batches,
    acknowledged,
    eventsPerSecond: Math.round(acknowledged / elapsed),
    resends,
    reads: readLatencies.length,
    readMs: {
      p50: round(percentile(readLatencies, 0.5)),
      p95: round(percentile(readLatencies, 0.95)),
      p99: round(percentile(readLatencies, 0.99)),
      max: round(readLatencies[readLatencies.length - 1] ?? 0),
    },
    statuses,
    serverErrors: Object.entries(statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0),
    networkErrors,
    reportedRequests,
    lost: acknowledged - reportedRequests,
  };
}

/** One line a person reads: throughput, losses, 5xx and read latency. */
export function formatLoadReport(label: string, r: LoadReport): string {
  return (
    `[load ${label}] ${r.seconds} s, ${r.writers} writers + ${r.readers} readers: ${r.acknowledged} events acknowledged in ${r.batches} batches ` +
    `(${r.eventsPerSecond} events/s), ${r.lost} lost, ${r.serverErrors} 5xx, ${r.networkErrors} network errors, ${r.resends} resends; ` +
    `${r.reads} KPI reads p50 ${r.readMs.p50} ms, p95 ${r.readMs.p95} ms, p99 ${r.readMs.p99} ms, max ${r.readMs.max} ms`
  );
}
