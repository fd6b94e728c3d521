import { loadavg } from "node:os";

/** The 1-, 5- and 15-minute load averages, rounded. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = loadavg();
  return [a!, b!, c!].map((n) => Math.round(n * 100) / 100) as [number, number, number];
}

/** Waits until the 1-minute load average is below `threshold` (checked every 15 s), at most `maxMs`. */
export async function waitForQuiet(threshold: number, maxMs = 600_000): Promise<boolean> {
  if (threshold <= 0) return true;
  const until = Date.now() + maxMs;
  while (loadAverage()[0] >= threshold) {
    if (Date.now() > until) return false;
    console.log(`  waiting for load average < ${threshold} (now ${loadAverage().join(" ")})`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
  return true;
}

/** Current resident set size of a process in MB, from /proc (Linux). */
export async function rssOf(pid: number): Promise<{ rssMb: number; hwmMb: number } | null> {
  const { readFile } = await import("node:fs/promises");
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; clock ticks of 10 ms). */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
