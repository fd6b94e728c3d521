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
 * Combines one provider+model's summaries, given in time order, into its totals: a streak left open
 * by one stretch is recovered by the next stretch's first success; a down run reaching the end of
 * one stretch joins a run opening the next (minutes without traffic between them do not end it).
 */
export function foldReliability(summaries: readonly ReliabilitySummary[]): ReliabilityTotals | null {
  const first = summaries[0];
  if (!first) return null;
  const t: ReliabilityTotals = {
    provider: first.provider,
    model: first.model,
    trafficMinutes: 0,
    downMinutes: 0,
    incidents: [],
    recovered: 0,
    recoveryMs: 0,
    ongoing: 0,
  };
  let streakStart: number | null = null;
  let run: [number, number] | null = null;
  for (const s of summaries) {
    // Failure streaks.
    if (s.firstFailed) {
      const start: number = streakStart ?? s.firstTs;
      if (s.firstSuccessTs === null) {
        streakStart = start;
        // Failures only: nothing inside can have recovered or opened another streak.
      } else {
        t.recovered += 1;
        t.recoveryMs += s.firstSuccessTs - start;
        streakStart = null;
      }
    } else if (streakStart !== null) {
      t.recovered += 1;
      t.recoveryMs += s.firstTs - streakStart;
      streakStart = null;
    }
    t.recovered += s.recovered;
    t.recoveryMs += s.recoveryMs;
    if (s.openStart !== null) streakStart = s.openStart;

    // Down minutes and incidents.
    t.trafficMinutes += s.trafficMinutes;
    t.downMinutes += s.downMinutes;
    if (run && !s.firstMinuteDown) {
      t.incidents.push(toIncident(run));
      run = null;
    }
    for (let i = 0; i < s.downRuns.length; i++) {
      const r = s.downRuns[i]!;
      const joined: [number, number] = i === 0 && run ? [run[0], r[1]] : r;
      run = null;
      if (i === s.downRuns.length - 1 && s.lastMinuteDown) run = joined;
      else t.incidents.push(toIncident(joined));
    }
  }
  if (run) t.incidents.push(toIncident(run));
  t.ongoing = streakStart === null ? 0 : 1;
  return t;
}
