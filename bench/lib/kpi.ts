import { createPromptmeter } from "../../packages/server/src/create-promptmeter.js";
import { appRouter } from "../../packages/server/src/router.js";
import { baselineFor, openRawDb, type RawDb } from "./baselines.js";
import type { Dataset } from "./datasets.js";
import { callProcedure, type KpiProcedure, kpiProcedures } from "./procedures.js";
import { percentile, type Spread, spread } from "./stats.js";

export interface KpiFigure {
  path: string;
  input: Record<string, unknown>;
  /** p50 and p95 of the timed calls, one value per run. */
  p50: Spread;
  p95: Spread;
  /** The raw-scan baseline's wall time, one value per run. */
  baselineMs: Spread;
  /** True when the family has no baseline of its own and the overview scan stands in. */
  baselineFallback: boolean;
  /** Baseline median ÷ KPI p50 median: how many times faster than scanning events. */
  speedup: number;
  /** Timed calls in each run (fewer than asked when a procedure exceeded the time budget). */
  calls: number[];
  error?: string;
}

export interface PercentileCheck {
  figure: string;
  exact: number | null;
  reported: number | null;
  relativeError: number | null;
}

export interface KpiResults {
  procedures: KpiFigure[];
  /** All kpi.* procedures for one range at once (Promise.all), wall time per run. */
  dashboardMs: Spread;
  percentiles: PercentileCheck[] | null;
}

const ms = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

/** Exact nearest-rank percentiles over raw events, compared with what the KPI procedures report. */
async function checkPercentiles(raw: RawDb, outputs: Map<string, unknown>): Promise<PercentileCheck[]> {
  const values = async (column: string, extra = "") =>
    (
      await raw.all(
        `SELECT ${column} AS v FROM events WHERE project_id = $project AND ts >= $from AND ts < $to AND status = 'success' ${extra}`,
      )
    )
      .map((r) => Number(r.v))
      .sort((a, b) => a - b);
  const latency = await values("latency_ms");
  const ttft = await values("ttft_ms", "AND ttft_ms IS NOT NULL");
  const exact = (sorted: number[], p: number) =>
    sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
  const checks: PercentileCheck[] = [];
  const compare = (figure: string, summary: unknown, sorted: number[]) => {
    if (!summary || typeof summary !== "object") return;
    for (const p of [50, 95, 99]) {
      const reported = (summary as Record<string, unknown>)[`p${p}`];
      if (typeof reported !== "number" && reported !== null) continue;
      const e = exact(sorted, p);
      checks.push({
        figure: `${figure}.p${p}`,
        exact: e,
        reported: reported as number | null,
        relativeError: e === null || reported === null ? null : Math.abs((reported as number) - e) / e,
      });
    }
  };
  for (const [path, output] of outputs) {
    const o = output as Record<string, unknown>;
    if (o.latency && typeof o.latency === "object") compare(`${path} latency`, o.latency, latency);
    if (path === "kpi.latency") compare(`${path}`, o, latency);
    if (o.ttft && typeof o.ttft === "object") compare(`${path} ttft`, o.ttft, ttft);
  }
  return checks;
}

/**
 * Every kpi.* procedure over the dataset's 30 days, called in-process through a tRPC caller:
 * `calls` timed calls per procedure per run (after two warm-up calls), their p50 and p95; the
 * raw-scan baseline of each; the all-at-once dashboard batch; and, when asked, percentile error.
 */
export async function measureKpis(
  dataset: Dataset,
  options: { runs: number; calls: number; budgetSeconds: number; percentiles: boolean; baselines: boolean; baselineRuns: number },
): Promise<KpiResults> {
  const pm = await createPromptmeter({ db: dataset.url });
  const caller = appRouter.createCaller(pm.createContext({ projectId: dataset.projectId, canRead: true, canIngest: false }));
  const procedures: KpiProcedure[] = kpiProcedures(dataset.range);
  console.log(`  ${procedures.length} kpi procedures: ${procedures.map((p) => p.name).join(", ")}`);
  const failed = new Map<string, string>();
  const outputs = new Map<string, unknown>();
  for (const p of procedures) {
    try {
      const started = performance.now();
      outputs.set(p.path, await callProcedure(caller, p.path, p.input));
      // A second warm-up call only for procedures fast enough to be timed 20 times.
      if (performance.now() - started < 2_000) await callProcedure(caller, p.path, p.input);
    } catch (error) {
      failed.set(p.path, error instanceof Error ? error.message : String(error));
      console.warn(`  ${p.path} failed: ${failed.get(p.path)}`);
    }
  }
  const working = procedures.filter((p) => !failed.has(p.path));
  const samples = new Map<string, { p50: number[]; p95: number[] }>(working.map((p) => [p.path, { p50: [], p95: [] }]));
  const callsMade = new Map<string, number[]>(working.map((p) => [p.path, []]));
  for (let run = 0; run < options.runs; run++) {
    for (const p of working) {
      const times: number[] = [];
      // A procedure taking seconds per call misses its target by orders of magnitude: cap its time, keep ≥ 3 calls.
      const started = performance.now();
      for (let i = 0; i < options.calls; i++) {
        times.push(await ms(() => callProcedure(caller, p.path, p.input)));
        // One call past the whole budget already says the target is missed by orders of magnitude.
        if ((i >= 2 || times[0]! > options.budgetSeconds * 1000) && performance.now() - started > options.budgetSeconds * 1000) break;
      }
      callsMade.get(p.path)!.push(times.length);
      const s = samples.get(p.path)!;
      s.p50.push(percentile(times, 50));
      s.p95.push(percentile(times, 95));
    }
    console.log(
      `    run ${run + 1}: ${working.map((p) => `${p.name} ${samples.get(p.path)!.p50.at(-1)!.toFixed(1)}/${samples.get(p.path)!.p95.at(-1)!.toFixed(1)}`).join(" · ")} ms (p50/p95)`,
    );
  }
  const dashboard: number[] = [];
  for (let run = 0; run < Math.max(3, options.runs); run++) {
    dashboard.push(await ms(() => Promise.all(working.map((p) => callProcedure(caller, p.path, p.input)))));
  }
  console.log(`    dashboard batch: ${dashboard.map((d) => d.toFixed(0)).join(", ")} ms`);
  await pm.close();

  const raw = await openRawDb(dataset);
  const baselineCache = new Map<string, number[]>();
  const figures: KpiFigure[] = [];
  try {
    for (const p of procedures) {
      const { statements, fallback } = baselineFor(p.name, dataset.dialect);
      const cacheKey = statements.join("\n;\n");
      let times = options.baselines ? baselineCache.get(cacheKey) : [Number.NaN];
      if (!times) {
        times = [];
        for (let run = 0; run < options.baselineRuns; run++) {
          times.push(
            await ms(async () => {
              for (const s of statements) await raw.all(s);
            }),
          );
        }
        baselineCache.set(cacheKey, times);
        console.log(`    scan baseline ${p.name}${fallback ? " (overview scan)" : ""}: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
      }
      const s = samples.get(p.path);
      const p50 = spread(s?.p50 ?? [Number.NaN]);
      const baselineMs = spread(times);
      figures.push({
        path: p.path,
        input: p.input,
        p50,
        p95: spread(s?.p95 ?? [Number.NaN]),
        baselineMs,
        baselineFallback: fallback,
        speedup: baselineMs.median / p50.median,
        calls: callsMade.get(p.path) ?? [],
        ...(failed.has(p.path) ? { error: failed.get(p.path)! } : {}),
      });
    }
    const percentiles = options.percentiles ? await checkPercentiles(raw, outputs) : null;
    return { procedures: figures, dashboardMs: spread(dashboard), percentiles };
  } finally {
    await raw.close();
  }
}
