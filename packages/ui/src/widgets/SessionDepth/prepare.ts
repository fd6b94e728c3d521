import type { RouterOutputs } from "@promptmeter/server";
import type { BarListItem } from "../../primitives/bar-list-rows.js";
import type { Formatters } from "../../primitives/format.js";

/** What `kpi.sessions` answers. */
export type SessionsData = RouterOutputs["kpi"]["sessions"];
type Depth = SessionsData["byRequests"][number]["bucket"];

/** How each depth bucket reads on screen. */
export const DEPTH_LABELS: Record<Depth, string> = {
  "1": "1 request",
  "2": "2 requests",
  "3-5": "3–5 requests",
  "6-10": "6–10 requests",
  "11+": "11+ requests",
};

/** The SessionDepth figures, ready to show. */
export interface SessionDepthViewData {
  sessions: number;
  previousSessions: number | undefined;
  /** Compared, but the previous period had no session: no deltas to show. */
  noPrevious: boolean;
  avgRequestsPerSession: number | null;
  previousAvg: number | undefined;
  repeatRate: number | null;
  previousRepeatRate: number | undefined;
  sessionsWithFollowUp: number;
  /** Sessions per depth, in depth order, with their share of sessions. */
  bars: BarListItem[];
}

/** Nothing to show: no request carried a session id in the range. */
export function isSessionsEmpty(data: SessionsData): boolean {
  return data.sessions === 0;
}

/** `kpi.sessions` → headline figures and the depth distribution (share of all sessions as the detail). */
export function prepareSessionDepth(data: SessionsData, f: Formatters): SessionDepthViewData {
  const previous = data.previous && data.previous.sessions > 0 ? data.previous : null;
  return {
    sessions: data.sessions,
    previousSessions: previous?.sessions,
    noPrevious: data.previous !== null && previous === null,
    avgRequestsPerSession: data.avgRequestsPerSession,
    previousAvg: previous?.avgRequestsPerSession ?? undefined,
    repeatRate: data.repeatRate,
    previousRepeatRate: previous?.repeatRate ?? undefined,
    sessionsWithFollowUp: data.sessionsWithFollowUp,
    bars: data.byRequests.map((row) => ({
      key: row.bucket,
      label: DEPTH_LABELS[row.bucket],
      value: row.sessions,
      detail: data.sessions > 0 ? f.percent(row.sessions / data.sessions) : undefined,
    })),
  };
}
