import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { Dataset } from "./datasets.js";

/** Read-only access to a dataset for the raw-scan baselines and the exact percentiles, outside the store. */
export interface RawDb {
  dialect: Dataset["dialect"];
  /** Runs SQL with `$project`, `$from`, `$to` bound to the dataset's project and range. */
  all(text: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Nearest-rank percentile as a SQLite aggregate (SQLite has none); PostgreSQL uses percentile_disc. */
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[Math.max(1, Math.ceil(p * values.length)) - 1]!;
}

export async function openRawDb(dataset: Dataset): Promise<RawDb> {
  const params = { project: dataset.projectId, from: dataset.range.from, to: dataset.range.to };
  if (dataset.dialect === "sqlite") {
    const conn = new BetterSqlite3(dataset.url, { readonly: true });
    type Acc = { values: number[]; p: number };
    const step = (acc: Acc, value: unknown, p: unknown) => {
      if (typeof value === "number") acc.values.push(value);
      acc.p = Number(p);
      return acc;
    };
    conn.aggregate("pct", {
      start: () => ({ values: [], p: 0.5 }) as Acc,
      step: step as unknown as (acc: Acc, value: unknown) => Acc,
      result: (acc: Acc) => nearestRank(acc.values, acc.p),
    });
    return {
      dialect: "sqlite",
      all: async (text) => conn.prepare(text).all(params) as Record<string, unknown>[],
      close: async () => void conn.close(),
    };
  }
  const client = new pg.Client({
    connectionString: dataset.url,
    types: {
      getTypeParser: (oid: number, format?: "text" | "binary") =>
        oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format),
    },
  } as pg.ClientConfig);
  await client.connect();
  return {
    dialect: "postgres",
    all: async (text) => {
      const values: unknown[] = [];
      const names: string[] = [];
      const bound = text.replace(/\$(project|from|to)\b/g, (_, name: string) => {
        let i = names.indexOf(name);
        if (i < 0) {
          names.push(name);
          values.push(params[name as keyof typeof params]);
          i = names.length - 1;
        }
        return `$${i + 1}`;
      });
      return (await client.query(bound, values)).rows;
    },
    close: () => client.end(),
  };
}

type Dialect = Dataset["dialect"];
/** Exact nearest-rank percentile of `expr` in the dialect's words. */
const pct = (d: Dialect, expr: string, p: number) =>
  d === "sqlite" ? `pct(${expr}, ${p})` : `percentile_disc(${p}) WITHIN GROUP (ORDER BY ${expr})`;

const SCOPE = "project_id = $project AND ts >= $from AND ts < $to";
const ERR = "CASE WHEN status = 'error' THEN 1 ELSE 0 END";
const DAY = "ts / 86400000";
const OUTAGE = "CASE WHEN error_type IN ('server_error', 'timeout', 'network', 'rate_limit') THEN 1 ELSE 0 END";

/**
 * The obvious raw-scan SQL over `events` (and `feedback`), no rollups, answering the same question
 * as each KPI procedure over the benchmark range. Each entry is the list of statements a
 * straightforward implementation would run; the baseline is their total time.
 */
export const SCAN_BASELINES: Record<string, (d: Dialect) => string[]> = {
  overview: (d) => [
    `SELECT count(*) AS requests, sum(${ERR}) AS errors, sum(cost_usd) AS cost,
            sum(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced,
            sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens),
            sum(fallback) AS fallbacks, sum(CASE WHEN (retries > 0 OR fallback = 1) AND status = 'success' THEN 1 ELSE 0 END) AS rescued,
            sum(CASE WHEN retries > 0 OR fallback = 1 THEN 1 ELSE 0 END) AS attempts, count(DISTINCT user_id) AS users
     FROM events WHERE ${SCOPE}`,
    `SELECT avg(latency_ms), ${pct(d, "latency_ms", 0.5)}, ${pct(d, "latency_ms", 0.95)}, ${pct(d, "latency_ms", 0.99)}
     FROM events WHERE ${SCOPE} AND status = 'success'`,
    "SELECT count(*), avg(score) FROM feedback WHERE project_id = $project AND ts >= $from AND ts < $to",
  ],
  cost: () => [
    `SELECT ${DAY} AS day, provider, model, sum(cost_usd), sum(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END)
     FROM events WHERE ${SCOPE} GROUP BY ${DAY}, provider, model`,
    // Month to date and the trailing 7 days of the forecast.
    "SELECT sum(cost_usd) FROM events WHERE project_id = $project AND ts >= CAST($to AS BIGINT) - 30 * 86400000 AND ts < $to",
    "SELECT sum(cost_usd) FROM events WHERE project_id = $project AND ts >= CAST($to AS BIGINT) - 7 * 86400000 AND ts < $to",
  ],
  tokens: () => [
    `SELECT ${DAY} AS day, provider, model, count(*), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens),
            sum(cache_write_tokens), sum(reasoning_tokens)
     FROM events WHERE ${SCOPE} GROUP BY ${DAY}, provider, model`,
  ],
  latency: (d) => [
    `SELECT ${DAY} AS day, count(*), avg(latency_ms), ${pct(d, "latency_ms", 0.5)}, ${pct(d, "latency_ms", 0.95)}, ${pct(d, "latency_ms", 0.99)}
     FROM events WHERE ${SCOPE} AND status = 'success' GROUP BY ${DAY}`,
    `SELECT count(*), avg(latency_ms), ${pct(d, "latency_ms", 0.5)}, ${pct(d, "latency_ms", 0.95)}, ${pct(d, "latency_ms", 0.99)}
     FROM events WHERE ${SCOPE} AND status = 'success'`,
    `SELECT count(ttft_ms), ${pct(d, "ttft_ms", 0.5)}, ${pct(d, "ttft_ms", 0.95)}, ${pct(d, "ttft_ms", 0.99)}
     FROM events WHERE ${SCOPE} AND status = 'success' AND ttft_ms IS NOT NULL`,
    `SELECT CAST(latency_ms / 250 AS INTEGER) AS bin, count(*) FROM events WHERE ${SCOPE} AND status = 'success'
     GROUP BY CAST(latency_ms / 250 AS INTEGER)`,
  ],
  throughput: () => [
    `SELECT ${DAY} AS day, status, count(*) FROM events WHERE ${SCOPE} GROUP BY ${DAY}, status`,
    `SELECT max(n) FROM (SELECT ts / 60000 AS minute, count(*) AS n FROM events WHERE ${SCOPE} GROUP BY ts / 60000) m`,
  ],
  errors: () => [
    `SELECT ${DAY} AS day, error_type, count(*) FROM events WHERE ${SCOPE} AND status = 'error' GROUP BY ${DAY}, error_type`,
    `SELECT provider, model, count(*), sum(${ERR}) FROM events WHERE ${SCOPE} GROUP BY provider, model`,
    `SELECT release, count(*), sum(${ERR}) FROM events WHERE ${SCOPE} GROUP BY release`,
    `SELECT error_type, error_message, count(*) AS n FROM events WHERE ${SCOPE} AND status = 'error'
     GROUP BY error_type, error_message ORDER BY n DESC LIMIT 10`,
  ],
  reliability: () => [
    `SELECT provider, model, ts / 60000 AS minute, count(*), sum(${OUTAGE}) FROM events WHERE ${SCOPE}
     GROUP BY provider, model, ts / 60000`,
    // Failure streaks: every request of a provider + model in time order, a streak starting where an error follows a non-error.
    `SELECT provider, model, count(*) FROM (SELECT provider, model, status,
            lag(status) OVER (PARTITION BY provider, model ORDER BY ts) AS previous
     FROM events WHERE ${SCOPE}) s WHERE status = 'error' AND (previous IS NULL OR previous <> 'error') GROUP BY provider, model`,
  ],
  rescue: () => [
    `SELECT ${DAY} AS day, count(*), sum(CASE WHEN retries > 0 THEN 1 ELSE 0 END), sum(fallback),
            sum(CASE WHEN (retries > 0 OR fallback = 1) AND status = 'success' THEN 1 ELSE 0 END)
     FROM events WHERE ${SCOPE} GROUP BY ${DAY}`,
  ],
  users: () => [
    `SELECT count(DISTINCT user_id) FROM events WHERE ${SCOPE}`,
    `SELECT ${DAY} AS day, count(DISTINCT user_id) FROM events WHERE ${SCOPE} GROUP BY ${DAY}`,
    `SELECT count(*) FROM (SELECT user_id, min(ts) AS first FROM events WHERE project_id = $project AND user_id IS NOT NULL
     GROUP BY user_id) f WHERE first >= $from AND first < $to`,
  ],
  topUsers: () => [
    `SELECT user_id, count(*) AS n, sum(cost_usd), sum(input_tokens + output_tokens), sum(${ERR}), min(ts), max(ts)
     FROM events WHERE ${SCOPE} AND user_id IS NOT NULL GROUP BY user_id ORDER BY n DESC LIMIT 10`,
  ],
  usageFrequency: () => [
    `SELECT user_id, count(DISTINCT ${DAY}), count(*) FROM events WHERE ${SCOPE} AND user_id IS NOT NULL GROUP BY user_id`,
  ],
  models: (d) => [
    `SELECT provider, model, count(*), sum(cost_usd), sum(input_tokens), sum(output_tokens), sum(${ERR})
     FROM events WHERE ${SCOPE} GROUP BY provider, model`,
    `SELECT provider, model, ${pct(d, "latency_ms", 0.95)} FROM events WHERE ${SCOPE} AND status = 'success' GROUP BY provider, model`,
    `SELECT ${DAY} AS day, provider, model, count(*) FROM events WHERE ${SCOPE} GROUP BY ${DAY}, provider, model`,
  ],
  features: (d) => [
    `SELECT feature, count(*), sum(${ERR}), sum(cost_usd) FROM events WHERE ${SCOPE} GROUP BY feature`,
    `SELECT feature, ${pct(d, "latency_ms", 0.95)} FROM events WHERE ${SCOPE} AND status = 'success' GROUP BY feature`,
    `SELECT e.feature, avg(f.score) FROM feedback f JOIN events e ON e.project_id = f.project_id AND e.id = f.event_id
     WHERE f.project_id = $project AND f.ts >= $from AND f.ts < $to GROUP BY e.feature`,
  ],
  sessions: () => [
    `SELECT count(*), sum(n), sum(CASE WHEN n > 1 THEN 1 ELSE 0 END) FROM
     (SELECT session_id, count(*) AS n FROM events WHERE ${SCOPE} AND session_id IS NOT NULL GROUP BY session_id) s`,
  ],
  peakTimes: () => [
    `SELECT (${DAY} + 3) % 7 AS weekday, (ts / 3600000) % 24 AS hour, count(*) FROM events WHERE ${SCOPE}
     GROUP BY (${DAY} + 3) % 7, (ts / 3600000) % 24`,
  ],
  feedback: () => [
    `SELECT ${DAY} AS day, count(*), avg(score) FROM feedback WHERE ${SCOPE} GROUP BY ${DAY}`,
    `SELECT sentiment, count(*), count(DISTINCT user_id) FROM feedback WHERE ${SCOPE} GROUP BY sentiment`,
    `SELECT count(*) FROM events WHERE ${SCOPE}`,
    `SELECT e.provider, e.model, avg(f.score) FROM feedback f JOIN events e ON e.project_id = f.project_id AND e.id = f.event_id
     WHERE f.project_id = $project AND f.ts >= $from AND f.ts < $to GROUP BY e.provider, e.model`,
  ],
};

/** The baseline for a procedure; families without one of their own fall back to the overview scan. */
export function baselineFor(name: string, d: Dialect): { statements: string[]; fallback: boolean } {
  const own = SCAN_BASELINES[name];
  return own ? { statements: own(d), fallback: false } : { statements: SCAN_BASELINES.overview!(d), fallback: true };
}
