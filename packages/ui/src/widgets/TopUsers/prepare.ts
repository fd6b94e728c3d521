import type { RouterOutputs } from "@promptmeter/server";

type TopUsersOutput = RouterOutputs["kpi"]["topUsers"];
type TopUserRow = TopUsersOutput["rows"][number];

/** What users are ranked by (the `by` input of `kpi.topUsers`). */
export type TopUsersRanking = "requests" | "cost" | "tokens";

/** The choices of the ranking switcher, in display order. */
export const TOP_USERS_RANKINGS: ReadonlyArray<{ value: TopUsersRanking; label: string }> = [
  { value: "requests", label: "Requests" },
  { value: "cost", label: "Cost" },
  { value: "tokens", label: "Tokens" },
];

/** One user row ready to render. */
export interface TopUserViewRow {
  userId: string;
  requests: number;
  /** Priced spend; null when none of the user's requests had a price (unknown, never $0). */
  costUsd: number | null;
  unpricedRequests: number;
  tokens: number;
  errorRate: number | null;
  feedbackCount: number;
  avgScore: number | null;
  firstSeen: string;
  lastSeen: string;
  /** The figure the ranking is by. */
  rankValue: number;
  /** rankValue / the largest rankValue (0–1), for the in-cell bar. */
  rankFraction: number;
  /** The same figure in the previous period, when `compare` was asked; null otherwise. */
  previousRankValue: number | null;
}

export interface TopUsersViewData {
  /** The ranking the rows are ordered by. */
  by: TopUsersRanking;
  /** Highest first; ties by user id so the order is stable. */
  rows: TopUserViewRow[];
  /** Requests of the listed users whose model had no price: their cost is not in the totals. */
  unpricedRequests: number;
}

const FIELD = { requests: "requests", cost: "costUsd", tokens: "tokens" } as const;

function rankValueOf(row: { requests: number; costUsd: number; tokens: number }, by: TopUsersRanking): number {
  return row[FIELD[by]];
}

/** Whether `kpi.topUsers` found no identified user (anonymous requests have no userId and are not listed). */
export function isTopUsersEmpty(data: TopUsersOutput): boolean {
  return data.rows.length === 0;
}

/** Orders the rows by the ranking, sizes their bars, and keeps unknown costs unknown. */
export function prepareTopUsers(data: TopUsersOutput, by: TopUsersRanking): TopUsersViewData {
  const sorted = [...data.rows].sort((a, b) => rankValueOf(b, by) - rankValueOf(a, by) || a.userId.localeCompare(b.userId));
  const max = sorted.reduce((m, row) => Math.max(m, rankValueOf(row, by)), 0);
  const rows = sorted.map((row: TopUserRow): TopUserViewRow => {
    const rankValue = rankValueOf(row, by);
    return {
      userId: row.userId,
      requests: row.requests,
      costUsd: row.unpricedRequests >= row.requests && row.costUsd === 0 ? null : row.costUsd,
      unpricedRequests: row.unpricedRequests,
      tokens: row.tokens,
      errorRate: row.errorRate,
      feedbackCount: row.feedbackCount,
      avgScore: row.avgScore,
      firstSeen: row.firstSeen,
      lastSeen: row.lastSeen,
      rankValue,
      rankFraction: max > 0 ? rankValue / max : 0,
      previousRankValue: row.previous ? rankValueOf(row.previous, by) : null,
    };
  });
  return { by, rows, unpricedRequests: rows.reduce((sum, row) => sum + row.unpricedRequests, 0) };
}
