import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Spread } from "./stats.js";

export const RESULTS_DIR = new URL("../results/", import.meta.url).pathname;

/** One line of the results table. `pass` is null where the figure has no target (a ceiling, a 1M reading). */
export interface Figure {
  id: string;
  figure: string;
  target: string;
  measured: string;
  pass: boolean | null;
}

export const num = (n: number, digits = 1) =>
  Number.isFinite(n) ? new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }).format(n) : "—";

/** "median [min–max] unit". */
export function showSpread(s: Spread, unit: string, digits = 1): string {
  return `${num(s.median, digits)} [${num(s.min, digits)}–${num(s.max, digits)}]${unit ? ` ${unit}` : ""}`;
}

export function markdownTable(figures: Figure[]): string {
  const lines = ["| figure | target | measured (median [min–max]) | pass |", "|---|---|---|---|"];
  for (const f of figures) {
    const pass = f.pass === null ? "—" : f.pass ? "pass" : "**fail**";
    lines.push(`| ${f.figure} | ${f.target} | ${f.measured} | ${pass} |`);
  }
  return lines.join("\n");
}

/** Writes `<date>-<dialect|all>.json` and rebuilds `<date>.md` from every JSON of that date (later runs win per figure). */
export function writeResults(
  date: string,
  suffix: string,
  results: { figures: Figure[]; notes: string[] } & Record<string, unknown>,
): {
  json: string;
  md: string;
  table: string;
} {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = join(RESULTS_DIR, `${date}-${suffix}.json`);
  // A run of some phases keeps the figures and sections of earlier runs of the same day and dialects.
  let saved: Record<string, unknown> = results;
  if (existsSync(json)) {
    const earlier = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown> & { figures?: Figure[]; notes?: string[] };
    const figures = new Map<string, Figure>((earlier.figures ?? []).map((f) => [f.id, f]));
    for (const f of results.figures) figures.set(f.id, f);
    saved = { ...earlier };
    for (const [k, v] of Object.entries(results)) if (v !== undefined && !(Array.isArray(v) && v.length === 0)) saved[k] = v;
    saved.figures = [...figures.values()];
    saved.notes = [...new Set([...(earlier.notes ?? []), ...results.notes])];
    saved.runs = [
      ...((earlier.runs as unknown[]) ?? [{ startedAt: earlier.startedAt, phases: (earlier.options as { phases?: unknown })?.phases }]),
      { startedAt: results.startedAt, phases: (results.options as { phases?: unknown })?.phases },
    ];
  }
  writeFileSync(json, `${JSON.stringify(saved, null, 2)}\n`);
  return { json, ...writeMarkdown(date) };
}

/** Rewrites `<date>.md` from every `<date>-*.json`: figures merged by id, the last finished file winning. */
export function writeMarkdown(date: string): { md: string; table: string } {
  const files = readdirSync(RESULTS_DIR)
    .filter((f) => f.startsWith(`${date}-`) && f.endsWith(".json"))
    .map((f) => ({
      f,
      data: JSON.parse(readFileSync(join(RESULTS_DIR, f), "utf8")) as {
        finishedAt?: string;
        figures?: Figure[];
        notes?: string[];
        machine?: unknown;
      },
    }))
    .sort((a, b) => String(a.data.finishedAt).localeCompare(String(b.data.finishedAt)));
  const byId = new Map<string, Figure>();
  const notes: string[] = [];
  for (const { data } of files) {
    for (const fig of data.figures ?? []) byId.set(fig.id, fig);
    for (const n of data.notes ?? []) if (!notes.includes(n)) notes.push(n);
  }
  const merged = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
  const table = markdownTable(merged);
  const md = join(RESULTS_DIR, `${date}.md`);
  const text = [
    `# Benchmark results ${date}`,
    "",
    `From ${files.map((x) => `\`${x.f}\``).join(", ")} (\`npm run bench\`; 2-core machine, Node ${process.versions.node}).`,
    "",
    table,
    "",
    ...(notes.length ? ["Notes:", "", ...notes.map((n) => `- ${n}`), ""] : []),
  ].join("\n");
  writeFileSync(md, text);
  return { md, table };
}
