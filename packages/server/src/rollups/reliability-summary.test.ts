import { describe, expect, it } from "vitest";
import { seededRandom as rng } from "../seed/random.js";
import { foldReliability, mergeReliability, type ReliabilityEvent, summarizeReliability } from "./reliability-summary.js";

const MINUTE = 60_000;
const HOUR = 3_600_000;

const ERROR_TYPES = ["server_error", "timeout", "rate_limit", "network", "invalid_request", null];

/** Requests of three models over a few hours, in bursts of failures (so streaks and down minutes span cuts). */
function makeEvents(seed: number): ReliabilityEvent[] {
  const r = rng(seed);
  const events: ReliabilityEvent[] = [];
  for (const [provider, model] of [
    ["openai", "gpt-a"],
    ["openai", "gpt-b"],
    ["anthropic", "claude"],
  ] as const) {
    let ts = Date.UTC(2026, 0, 1, 0, 0) + Math.floor(r() * HOUR);
    let failing = false;
    const n = 50 + Math.floor(r() * 400);
    for (let i = 0; i < n; i++) {
      // Mostly seconds apart, sometimes a silent stretch of minutes or hours; sometimes the same millisecond.
      const gap = r();
      ts += gap < 0.05 ? 0 : gap < 0.9 ? Math.floor(r() * 20_000) : gap < 0.98 ? Math.floor(r() * 10 * MINUTE) : Math.floor(r() * 3 * HOUR);
      if (r() < 0.15) failing = !failing;
      const failed = failing ? r() < 0.85 : r() < 0.05;
      events.push({
        provider,
        model,
        ts,
        status: failed ? "error" : "success",
        error_type: failed ? ERROR_TYPES[Math.floor(r() * ERROR_TYPES.length)]! : null,
      });
    }
  }
  return events;
}

const OUTAGE = new Set(["server_error", "timeout", "network", "rate_limit"]);

/** The SPEC's definitions applied directly to one model's whole sequence. */
function expected(events: ReliabilityEvent[]) {
  const recoveries: number[] = [];
  let start: number | null = null;
  for (const e of events) {
    if (e.status === "error") start ??= e.ts;
    else if (start !== null) {
      recoveries.push(e.ts - start);
      start = null;
    }
  }
  const minutes = new Map<number, { requests: number; outage: number }>();
  for (const e of events) {
    const m = Math.floor(e.ts / MINUTE) * MINUTE;
    const c = minutes.get(m) ?? { requests: 0, outage: 0 };
    c.requests += 1;
    if (e.status === "error" && OUTAGE.has(e.error_type ?? "")) c.outage += 1;
    minutes.set(m, c);
  }
  const traffic = [...minutes.entries()].sort((a, b) => a[0] - b[0]);
  const incidents: { start: string; end: string; minutes: number }[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const first = run[0]!;
    const last = run[run.length - 1]!;
    incidents.push({
      start: new Date(first).toISOString(),
      end: new Date(last + MINUTE).toISOString(),
      minutes: (last + MINUTE - first) / MINUTE,
    });
    run = [];
  };
  let down = 0;
  for (const [m, c] of traffic) {
    if (c.outage / c.requests >= 0.5) {
      down += 1;
      run.push(m);
    } else flush();
  }
  flush();
  return {
    recovered: recoveries.length,
    recoveryMs: recoveries.reduce((s, v) => s + v, 0),
    ongoing: start === null ? 0 : 1,
    trafficMinutes: traffic.length,
    downMinutes: down,
    incidents,
  };
}

const byModelThenTime = (a: ReliabilityEvent, b: ReliabilityEvent) =>
  a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : a.ts - b.ts;

describe("reliability summaries", () => {
  it("combine over hour cuts inside any range to what the range's whole sequence gives (200 random cases)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const all = makeEvents(seed).sort(byModelThenTime);
      const r = rng(seed * 7919);
      const first = Math.min(...all.map((e) => e.ts));
      const last = Math.max(...all.map((e) => e.ts));
      // A range with edges anywhere (inside a minute too), cut at stored-hour boundaries inside it.
      const from = first + Math.floor(r() * r() * (last - first));
      const to = last + 1 - Math.floor(r() * r() * (last - from));
      const events = all.filter((e) => e.ts >= from && e.ts < to);
      const cuts: number[] = [];
      for (let h = Math.ceil(from / HOUR) * HOUR; h < to; h += HOUR) if (r() < 0.8) cuts.push(h);
      const bounds = [from, ...cuts, to];
      const perModel = new Map<string, ReturnType<typeof summarizeReliability>>();
      for (let i = 0; i + 1 < bounds.length; i++) {
        const segment = events.filter((e) => e.ts >= bounds[i]! && e.ts < bounds[i + 1]!);
        for (const s of summarizeReliability(segment)) {
          const key = `${s.provider}/${s.model}`;
          perModel.set(key, [...(perModel.get(key) ?? []), s]);
        }
      }
      const models = new Set(events.map((e) => `${e.provider}/${e.model}`));
      expect([...perModel.keys()].sort()).toEqual([...models].sort());
      for (const [key, summaries] of perModel) {
        const modelEvents = events.filter((e) => `${e.provider}/${e.model}` === key);
        const want = expected(modelEvents);
        const { provider: _p, model: _m, ...got } = foldReliability(summaries)!;
        expect(got, `seed ${seed}, ${key}, ${cuts.length} cuts`).toEqual(want);
        // Merged first into random runs of consecutive stretches (as hours are into days), then folded.
        const groups: typeof summaries = [];
        for (let i = 0; i < summaries.length; ) {
          const n = 1 + Math.floor(r() * 4);
          groups.push(summaries.slice(i, i + n).reduce(mergeReliability));
          i += n;
        }
        const { provider: _gp, model: _gm, ...grouped } = foldReliability(groups)!;
        expect(grouped, `seed ${seed}, ${key}, grouped`).toEqual(want);
      }
    }
  });

  it("counts an all-failure stretch as one streak left open, recovered by the next stretch", () => {
    const t0 = Date.UTC(2026, 0, 1);
    const e = (ts: number, status: string): ReliabilityEvent => ({ provider: "p", model: "m", ts, status, error_type: "timeout" });
    const a = summarizeReliability([e(t0, "success"), e(t0 + 1000, "error")]);
    const b = summarizeReliability([e(t0 + HOUR, "error"), e(t0 + HOUR + 1, "error")]);
    const c = summarizeReliability([e(t0 + 2 * HOUR + 5, "success")]);
    const folded = foldReliability([...a, ...b, ...c])!;
    expect(folded.recovered).toBe(1);
    expect(folded.recoveryMs).toBe(2 * HOUR + 5 - 1000);
    expect(folded.ongoing).toBe(0);
    // Down minutes at t0 (1 of 2 failed: down), t0+1h (down); t0+2h is up: one incident over the two, not a gap.
    expect(folded.downMinutes).toBe(2);
    expect(folded.incidents).toEqual([{ start: new Date(t0).toISOString(), end: new Date(t0 + HOUR + MINUTE).toISOString(), minutes: 61 }]);
  });
});
