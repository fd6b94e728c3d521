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
import { ErrorTypesView } from "./ErrorTypesView.js";
import { errorTypesEmptyMessage, isErrorTypesEmpty, prepareErrorTypes } from "./prepare.js";

export interface ErrorTypesProps extends KpiOverrides {
  /** Card title (default "Error types"). */
  title?: ReactNode;
  /** Messages shown before "Show all" (default 5; the procedure returns the top 10). */
  messageLimit?: number;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Why requests fail: failures per error type and the most frequent grouped messages (`kpi.errors`; `compare` defaults to true so that it shares ErrorTrend's request). */
export function ErrorTypes(props: ErrorTypesProps): ReactNode {
  const { range, filters, timezone, bucket, compare = true, title = "Error types", messageLimit, locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.errors.queryOptions(input), usePromptmeterQueryClient());
  const f = useFormatters(locale, input.timezone);
  const frame = frameStateOf(query, isErrorTypesEmpty);
  return (
    <ChartFrame
      title={title}
      subtitle={query.data ? `${f.number(query.data.errors, 0)} failed requests` : undefined}
      emptyMessage={errorTypesEmptyMessage(query.data)}
      skeleton="list"
      className={className}
      minHeight={260}
      {...frame}
    >
      {query.data && (
        <ErrorTypesView data={prepareErrorTypes(query.data, f)} messageLimit={messageLimit} locale={locale} timeZone={input.timezone} />
      )}
    </ChartFrame>
  );
}
