"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { isRecoveryEmpty, prepareRecoveryTime } from "./prepare.js";
import { RecoveryTimeView } from "./RecoveryTimeView.js";

export interface RecoveryTimeProps extends KpiOverrides {
  /** Card title (default "Recovery time"). */
  title?: ReactNode;
  /** Rows shown before "Show all" (default 8; the slowest come first). */
  limit?: number;
  /** BCP 47 locale of numbers (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** How fast failures heal: mean time to recovery per provider + model and failure streaks still ongoing (`kpi.reliability`). */
export function RecoveryTime(props: RecoveryTimeProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Recovery time", limit, locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.reliability.queryOptions(input), usePromptmeterQueryClient());
  const f = useFormatters(locale);
  const frame = frameStateOf(query, isRecoveryEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle="Mean time from a failure streak's first failure to the next success"
      emptyMessage="No requests in this range"
      skeleton="list"
      className={className}
      minHeight={240}
      {...frame}
    >
      {query.data && (
        <RecoveryTimeView data={prepareRecoveryTime(query.data, (n) => `${f.number(n, 0)} ongoing`)} limit={limit} locale={locale} />
      )}
    </ChartFrame>
  );
}
