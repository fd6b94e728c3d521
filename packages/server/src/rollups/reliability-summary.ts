import type { Incident } from "@promptmeter/schema";
import { OUTAGE_ERROR_TYPES } from "./deltas.js";

const MINUTE = 60_000;

/** A request as kpi.reliability needs it; rows reach the summarizer in (provider, model, ts, id) order. */
export interface ReliabilityEvent {
  provider: string;
  model: string;
  ts: number;
  status: string;
  error_type: string | null;
}

/**
 * What kpi.reliability needs of one provider+model's requests within one stretch of time (an hour
 * of rollup_reliability_hourly, or a partial-hour edge of a range), so that consecutive stretches
 * combine in time order without their requests. Failure streaks: the stretch may open with a run
 * of failures (it ends at `firstSuccessTs`, or not at all) that continues a streak left open by the
 * stretch before; streaks that start after a success inside it either recover inside it (counted
 * and summed) or are left open (`openStart`). Minutes: down runs among the minutes with traffic,
 * with whether the first and last minute with traffic were down, so runs join across stretches.
 */
export interface ReliabilitySummary {
  provider: string;
  model: string;
  firstTs: number;
  firstFailed: boolean;
  firstSuccessTs: number | null;
  recovered: number;
  recoveryMs: number;
  openStart: number | null;
  trafficMinutes: number;
  downMinutes: number;
  /** [first down minute, last down minute] of each run of down minutes, in order. */
  downRuns: [number, number][];
  firstMinuteDown: boolean;
  lastMinuteDown: boolean;
}

/** One provider+model over a whole range: everything reliability reports. */
export interface ReliabilityTotals {
  provider: string;
  model: string;
  trafficMinutes: number;
  downMinutes: number;
  incidents: Incident[];
  recovered: number;
  recoveryMs: number;
  ongoing: number;
}

const OUTAGE = new Set<string>(OUTAGE_ERROR_TYPES);

/** Summaries per provider+model of requests given in (provider, model, ts, id) order. */
export function summarizeReliability(events: Iterable<ReliabilityEvent>): ReliabilitySummary[] {
  const out: ReliabilitySummary[] = [];
  let s: ReliabilitySummary | null = null;
  let prevFailed = false;
  // The minute being counted and its requests / outage failures.
  let minute = 0;
  let requests = 0;
  let outage = 0;
  let runStart: number | null = null;
  let runLast = 0;

  const closeMinute = () => {
    if (!s || requests === 0) return;
    const down = outage * 2 >= requests;
    s.trafficMinutes += 1;
    if (s.trafficMinutes === 1) s.firstMinuteDown = down;
    s.lastMinuteDown = down;
    if (down) {
      s.downMinutes += 1;
      if (runStart === null) runStart = minute;
      runLast = minute;
    } else if (runStart !== null) {
      s.downRuns.push([runStart, runLast]);
      runStart = null;
    }
    requests = 0;
    outage = 0;
  };
  const close = () => {
    if (!s) return;
    closeMinute();
    if (runStart !== null) s.downRuns.push([runStart, runLast]);
    runStart = null;
    out.push(s);
  };

  for (const e of events) {
    const ts = Number(e.ts);
    const failed = e.status === "error";
    if (!s || s.provider !== e.provider || s.model !== e.model) {
      close();
      s = {
        provider: e.provider,
        model: e.model,
        firstTs: ts,
        firstFailed: failed,
        firstSuccessTs: failed ? null : ts,
        recovered: 0,
        recoveryMs: 0,
        openStart: null,
        trafficMinutes: 0,
        downMinutes: 0,
        downRuns: [],
        firstMinuteDown: false,
        lastMinuteDown: false,
      };
      minute = ts - (ts % MINUTE);
    } else {
      if (failed) {
        // A failure after a success starts a streak (the opening run is tracked by firstSuccessTs).
        if (!prevFailed) s.openStart = ts;
      } else if (s.firstSuccessTs === null) s.firstSuccessTs = ts;
      else if (prevFailed && s.openStart !== null) {
        s.recovered += 1;
        s.recoveryMs += ts - s.openStart;
        s.openStart = null;
      }
      const m = ts - (ts % MINUTE);
      if (m !== minute) {
        closeMinute();
        minute = m;
      }
    }
    prevFailed = failed;
    requests += 1;
    if (failed && e.error_type !== null && OUTAGE.has(e.error_type)) outage += 1;
  }
  close();
  return out;
}

const toIncident = ([start, lastDown]: [number, number]): Incident => ({
  start: new Date(start).toISOString(),
  end: new Date(lastDown + MINUTE).toISOString(),
  minutes: (lastDown + MINUTE - start) / MINUTE,
});

/**
 * The summary of two consecutive stretches of one provider+model (`a` before `b`), in the same
 * shape, so hours merge into days and any run of stretches into one. A streak left open by `a` is
 * recovered by `b`'s first success; a failure run opening `b` after `a` ended on a success is a
 * streak of its own; a down run reaching the end of `a` joins a run opening `b` (minutes without
 * traffic between them do not end it).
 */
export function mergeReliability(a: ReliabilitySummary, b: ReliabilitySummary): ReliabilitySummary {
  let recovered = a.recovered + b.recovered;
  let recoveryMs = a.recoveryMs + b.recoveryMs;
  let openStart = b.openStart;
  if (a.firstSuccessTs !== null) {
    // Where the streak reaching b began: a's open streak, or b's opening failures after a's success.
    const start = a.openStart ?? (b.firstFailed ? b.firstTs : null);
    if (start !== null) {
      if (b.firstSuccessTs === null) openStart = start;
      else {
        recovered += 1;
        recoveryMs += b.firstSuccessTs - start;
      }
    }
  }
  // (When a failed throughout, its opening run simply continues into b's: firstSuccessTs below.)
  const runs = [...a.downRuns];
  const last = runs[runs.length - 1];
  const [next, ...rest] = b.downRuns;
  if (a.lastMinuteDown && b.firstMinuteDown && last && next) runs[runs.length - 1] = [last[0], next[1]];
  else if (next) runs.push(next);
  runs.push(...rest);
  return {
    provider: a.provider,
    model: a.model,
    firstTs: a.firstTs,
    firstFailed: a.firstFailed,
    firstSuccessTs: a.firstSuccessTs ?? b.firstSuccessTs,
    recovered,
    recoveryMs,
    openStart,
    trafficMinutes: a.trafficMinutes + b.trafficMinutes,
    downMinutes: a.downMinutes + b.downMinutes,
    downRuns: runs,
    firstMinuteDown: a.firstMinuteDown,
    lastMinuteDown: b.lastMinuteDown,
  };
}

/** What a whole range's summary reports: its opening failure run is a streak like any other. */
export function reliabilityTotals(s: ReliabilitySummary): ReliabilityTotals {
  const openingRecovered = s.firstFailed && s.firstSuccessTs !== null;
  const openingOngoing = s.firstFailed && s.firstSuccessTs === null;
  return {
    provider: s.provider,
    model: s.model,
    trafficMinutes: s.trafficMinutes,
    downMinutes: s.downMinutes,
    incidents: s.downRuns.map(toIncident),
    recovered: s.recovered + (openingRecovered ? 1 : 0),
    recoveryMs: s.recoveryMs + (openingRecovered ? s.firstSuccessTs! - s.firstTs : 0),
    ongoing: s.openStart !== null || openingOngoing ? 1 : 0,
  };
}

/** One provider+model's totals over summaries given in time order. */
export function foldReliability(summaries: readonly ReliabilitySummary[]): ReliabilityTotals | null {
  if (summaries.length === 0) return null;
  return reliabilityTotals(summaries.reduce(mergeReliability));
}
