"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { isTokensEmpty, prepareTokens } from "./prepare.js";
import { TokenUsageView } from "./TokenUsageView.js";

export interface TokenUsageProps extends KpiOverrides {
  /** Card title (default "Tokens"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Tokens per bucket by kind (fresh input, cache read and write, output, reasoning), per-request averages and cache use (`kpi.tokens`). */
export function TokenUsage(props: TokenUsageProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Tokens", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.tokens.queryOptions(input), usePromptmeterQueryClient());
  const frame = frameStateOf(query, isTokensEmpty);
  return (
    <ChartFrame title={title} emptyMessage="No requests in this range" className={className} minHeight={280} {...frame}>
      {query.data && <TokenUsageView data={prepareTokens(query.data)} locale={locale} timeZone={input.timezone} />}
    </ChartFrame>
  );
}
