"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { CostCardView } from "./CostCardView.js";
import { isCostEmpty, prepareCost } from "./prepare.js";

export interface CostCardProps extends KpiOverrides {
  /** Monthly budget in USD to draw the bar against (default the project's, set with `promptmeter projects budget`); `null` hides the bar. */
  budgetUsd?: number | null;
  /** Card title (default "Spend"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Spend with its change, the month-end forecast, the budget bar and spend over time (`kpi.cost`). */
export function CostCard(props: CostCardProps): ReactNode {
  const { budgetUsd, range, filters, timezone, bucket, compare = true, title = "Spend", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.cost.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isCostEmpty);
  return (
    <ChartFrame title={title} emptyMessage="No requests in this range" className={className} minHeight={200} {...frame}>
      {query.data && <CostCardView data={prepareCost(query.data, budgetUsd)} locale={locale} timeZone={input.timezone} />}
    </ChartFrame>
  );
}
