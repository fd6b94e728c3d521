import type { RouterOutputs } from "@promptmeter/server";
import { bucketName } from "../../primitives/bucket-name.js";
import { inferStepMs } from "../../primitives/series.js";
import type { SplitSegment } from "../../primitives/split-bar.js";

type UsersOutput = RouterOutputs["kpi"]["users"];
type UsersFigures = Omit<UsersOutput, "series" | "previous">;

export interface ActiveUsersViewData {
  /** This period's figures. */
  current: UsersFigures;
  /** The previous period's, when `compare` was asked. */
  previous: UsersFigures | null;
  /** New vs returning users, as parts of the range's active users. */
  split: SplitSegment[];
  /** Distinct active users per bucket, oldest first. */
  series: Array<{ t: string; activeUsers: number }>;
  /** Bucket size in ms. */
  stepMs: number;
  /** "day", "hour"…: what one bucket is, for labels. */
  bucketName: string;
}

/** No identified user was active in the range. */
export function isActiveUsersEmpty(data: UsersOutput): boolean {
  return data.uniqueUsers === 0;
}

/** Splits `kpi.users` into headline figures, the new/returning split and the series. */
export function prepareActiveUsers(data: UsersOutput): ActiveUsersViewData {
  const { series, previous, ...current } = data;
  const stepMs = inferStepMs(series);
  return {
    current,
    previous,
    split: [
      { key: "new", label: "New", value: data.newUsers, color: "var(--pm-chart-1)" },
      { key: "returning", label: "Returning", value: data.returningUsers, color: "var(--pm-chart-2)" },
    ],
    series: series.map((point) => ({ t: point.t, activeUsers: point.activeUsers })),
    stepMs,
    bucketName: bucketName(stepMs),
  };
}
