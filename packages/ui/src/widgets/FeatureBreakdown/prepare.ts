import type { RouterOutputs } from "@promptmeter/server";
import type { Formatters } from "../../primitives/format.js";

type FeaturesOutput = RouterOutputs["kpi"]["features"];

/** Group rows by the events' `feature` or by each of their tags (the `by` input of `kpi.features`). */
export type FeatureGrouping = FeaturesOutput["by"];

/** The choices of the grouping switcher. */
export const FEATURE_GROUPINGS: ReadonlyArray<{ value: FeatureGrouping; label: string }> = [
  { value: "feature", label: "Feature" },
  { value: "tag", label: "Tag" },
];

/** One feature (or tag) ready to render. */
export interface FeatureViewRow {
  /** Stable key (the name, or a placeholder for events without one). */
  key: string;
  /** The feature or tag; null for events without one. */
  name: string | null;
  /** What the row is called on screen. */
  label: string;
  requests: number;
  share: number | null;
  errorRate: number | null;
  feedbackCount: number;
  avgScore: number | null;
  /** Priced spend; null when none of the row's requests had a price. */
  costUsd: number | null;
  p95: number | null;
  /** Users struggle here: errors well above, or scores well below, the overall. */
  difficulty: boolean;
  /** Why, in words, with the figures compared (empty when not flagged). */
  reasons: string[];
  /** Which figures tripped the flag. */
  flagged: { errorRate: boolean; avgScore: boolean };
}

export interface FeatureBreakdownViewData {
  by: FeatureGrouping;
  /** Most requested first. */
  rows: FeatureViewRow[];
  /** The flagged rows, most requested first. */
  struggling: FeatureViewRow[];
  /** The baseline: every event in scope. */
  overall: FeaturesOutput["overall"];
  /** Requests without a price, left out of the costs. */
  unpricedRequests: number;
}

/** No request in the range. */
export function isFeaturesEmpty(data: FeaturesOutput): boolean {
  return data.overall.requests === 0;
}

/** Labels, unknown costs kept unknown, and the difficulty flag spelled out against the overall figures. */
export function prepareFeatureBreakdown(data: FeaturesOutput, f: Formatters): FeatureBreakdownViewData {
  const { overall } = data;
  const unnamed = data.by === "tag" ? "(no tag)" : "(no feature)";
  const rows = [...data.rows]
    .sort((a, b) => b.requests - a.requests || (a.name ?? "").localeCompare(b.name ?? ""))
    .map((row): FeatureViewRow => {
      const reasons = row.difficultyReasons.map((reason) =>
        reason === "errorRate"
          ? `Error rate ${f.percent(row.errorRate)} is more than twice the overall ${f.percent(overall.errorRate)}`
          : `Avg score ${f.number(row.avgScore, 2)} is more than 0.15 below the overall ${f.number(overall.avgScore, 2)}`,
      );
      return {
        key: row.name ?? "\u0000none",
        name: row.name,
        label: row.name ?? unnamed,
        requests: row.requests,
        share: row.share,
        errorRate: row.errorRate,
        feedbackCount: row.feedbackCount,
        avgScore: row.avgScore,
        costUsd: row.unpricedRequests >= row.requests && row.costUsd === 0 ? null : row.costUsd,
        p95: row.p95,
        difficulty: row.difficulty,
        reasons,
        flagged: { errorRate: row.difficultyReasons.includes("errorRate"), avgScore: row.difficultyReasons.includes("avgScore") },
      };
    });
  return {
    by: data.by,
    rows,
    struggling: rows.filter((row) => row.difficulty),
    overall,
    unpricedRequests: data.rows.reduce((sum, row) => sum + row.unpricedRequests, 0),
  };
}
