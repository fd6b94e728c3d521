"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import { Segmented } from "../../primitives/Segmented.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeter } from "../../provider/use-promptmeter.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { isTopUsersEmpty, prepareTopUsers, TOP_USERS_RANKINGS, type TopUsersRanking } from "./prepare.js";
import { TopUsersView } from "./TopUsersView.js";

export interface TopUsersProps extends KpiOverrides {
  /** What to rank by at first (default `requests`); the card's switcher changes it. */
  by?: TopUsersRanking;
  /** How many users to list, 1–100 (default 10). */
  limit?: number;
  /** Called with a user id when a row is opened; default: toggles the provider's `userId` filter, narrowing every widget to that user. */
  onSelectUser?: (userId: string) => void;
  /** Card title (default "Top users"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** The heaviest users by requests, cost or tokens, with their error rate, feedback and last request (`kpi.topUsers`). */
export function TopUsers(props: TopUsersProps): ReactNode {
  const { range, filters, timezone, bucket, compare, limit = 10, title = "Top users", locale, className } = props;
  const [by, setBy] = useState<TopUsersRanking>(props.by ?? "requests");
  const [seenBy, setSeenBy] = useState(props.by);
  if (seenBy !== props.by) {
    setSeenBy(props.by);
    setBy(props.by ?? "requests");
  }
  const { filters: active, setFilter } = usePromptmeter();
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  // Switching the ranking keeps the previous table on screen until the new one arrives.
  const query = useQuery(
    trpc.kpi.topUsers.queryOptions({ ...input, by, limit }, { placeholderData: keepPreviousData }),
    usePromptmeterQueryClient(),
  );
  const frame = frameStateOf(query, isTopUsersEmpty);
  const onSelectUser = props.onSelectUser ?? ((userId: string) => setFilter("userId", active.userId === userId ? undefined : userId));
  return (
    <ChartFrame
      title={title}
      subtitle={`Ranked by ${TOP_USERS_RANKINGS.find((r) => r.value === by)?.label.toLowerCase()}`}
      actions={<Segmented label="Rank users by" options={TOP_USERS_RANKINGS} value={by} onChange={setBy} />}
      emptyMessage="No requests from identified users in this range"
      skeleton="list"
      className={className}
      minHeight={200}
      {...frame}
    >
      {query.data && (
        <TopUsersView data={prepareTopUsers(query.data, by)} onSelectUser={onSelectUser} selectedUserId={active.userId} locale={locale} />
      )}
    </ChartFrame>
  );
}
