"use client";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { ModelPopularityView } from "./ModelPopularityView.js";
import { DEFAULT_LIMIT, isModelsEmpty, prepareModels } from "./prepare.js";

export interface ModelPopularityProps extends KpiOverrides {
  /** How many models the list shows before grouping the rest as "other" (default 8). */
  limit?: number;
  /** Card title (default "Models"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** Which models get the requests: share per provider + model with cost and p95, and the top 5 + other over time (`kpi.models`). */
export function ModelPopularity(props: ModelPopularityProps): ReactNode {
  const { limit = DEFAULT_LIMIT, range, filters, timezone, bucket, compare, title = "Models", locale, className } = props;
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(trpc.kpi.models.queryOptions(input), usePromptmeterQueryClient());
  const [expanded, setExpanded] = useState(false);
  const frame = frameStateOf(query, isModelsEmpty);
  const data = query.data && prepareModels(query.data, expanded ? Number.POSITIVE_INFINITY : limit);
  return (
    <ChartFrame
      title={title}
      subtitle={data && frame.status === "data" ? `${data.models} ${data.models === 1 ? "model" : "models"}, share of requests` : undefined}
      emptyMessage="No requests in this range"
      skeleton="list"
      className={className}
      minHeight={320}
      {...frame}
    >
      {data && (
        <ModelPopularityView
          data={data}
          expanded={expanded}
          onToggle={() => setExpanded((open) => !open)}
          locale={locale}
          timeZone={input.timezone}
        />
      )}
    </ChartFrame>
  );
}
