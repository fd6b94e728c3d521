import { parseArgs } from "node:util";

export type Phase = "datasets" | "ingest" | "kpi" | "size";
export type DialectChoice = "sqlite" | "postgres";

/** A dataset size: its label (used in file and database names) and its event count. */
export interface SizeChoice {
  label: string;
  events: number;
}

export interface BenchOptions {
  sizes: SizeChoice[];
  dialects: DialectChoice[];
  phases: Phase[];
  /** Repetitions behind every median/min/max (≥ 3 unless asked otherwise). */
  runs: number;
  /** Timed calls per KPI procedure in each run (p50/p95 over these). */
  calls: number;
  /** Seconds of calls per KPI procedure per run before it stops early (at least 3 calls). */
  kpiBudget: number;
  /** Repetitions of each raw-scan baseline (a month-long scan of 10M events takes minutes on a slow machine). */
  baselineRuns: number;
  /** Events posted per HTTP ingest run (fresh database each run). */
  ingestEvents: number;
  /** Skip `turbo run build` and run the server from source through tsx. */
  fromSource: boolean;
  /** Wait (up to 10 min) for the 1-minute load average to fall below this before measuring; 0 = don't wait. */
  waitLoad: number;
}

const USAGE = `npm run bench -- [--size 1m|10m|both|<n>k|<n>m] [--dialect sqlite|postgres|both] [--only datasets,ingest,kpi,size]
                    [--runs 3] [--calls 20] [--kpi-budget 30] [--baseline-runs <runs>] [--ingest-events 200000] [--from-source] [--wait-load 1.0]`;

/** "1m" → 1,000,000; "100k" → 100,000; "2500000" → 2,500,000. */
export function parseSize(text: string): SizeChoice {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`--size ${text}: expected 1m, 10m, both, or a count like 100k`);
  const factor = m[2]?.toLowerCase() === "m" ? 1_000_000 : m[2]?.toLowerCase() === "k" ? 1_000 : 1;
  const events = Math.round(Number(m[1]) * factor);
  if (events < 1_000) throw new Error("--size must be at least 1k events");
  const label = events % 1_000_000 === 0 ? `${events / 1_000_000}m` : events % 1_000 === 0 ? `${events / 1_000}k` : String(events);
  return { label, events };
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: "string", default: "both" },
      dialect: { type: "string", default: "both" },
      only: { type: "string" },
      runs: { type: "string", default: "3" },
      calls: { type: "string", default: "20" },
      "kpi-budget": { type: "string", default: "30" },
      "baseline-runs": { type: "string" },
      "ingest-events": { type: "string", default: "200000" },
      "from-source": { type: "boolean", default: false },
      "wait-load": { type: "string", default: "0" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sizes = values.size === "both" ? [parseSize("1m"), parseSize("10m")] : values.size.split(",").map(parseSize);
  const dialects: DialectChoice[] =
    values.dialect === "both" ? ["sqlite", "postgres"] : values.dialect.split(",").map((d) => dialectOf(d.trim()));
  const phases: Phase[] = values.only ? values.only.split(",").map((p) => phaseOf(p.trim())) : ["ingest", "kpi", "size"];
  const runs = Number(values.runs);
  const calls = Number(values.calls);
  const ingestEvents = parseSize(values["ingest-events"]).events;
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a whole number ≥ 1");
  if (!Number.isInteger(calls) || calls < 1) throw new Error("--calls must be a whole number ≥ 1");
  const baselineRuns = values["baseline-runs"] === undefined ? runs : Number(values["baseline-runs"]);
  if (!Number.isInteger(baselineRuns) || baselineRuns < 1) throw new Error("--baseline-runs must be a whole number ≥ 1");
  return {
    sizes,
    dialects,
    phases,
    runs,
    calls,
    kpiBudget: Number(values["kpi-budget"]),
    baselineRuns,
    ingestEvents,
    fromSource: values["from-source"],
    waitLoad: Number(values["wait-load"]),
  };
}

function dialectOf(d: string): DialectChoice {
  if (d === "sqlite" || d === "postgres") return d;
  throw new Error(`--dialect ${d}: expected sqlite, postgres or both`);
}

function phaseOf(p: string): Phase {
  if (p === "datasets" || p === "ingest" || p === "kpi" || p === "size") return p;
  throw new Error(`--only ${p}: expected datasets, ingest, kpi or size`);
}
