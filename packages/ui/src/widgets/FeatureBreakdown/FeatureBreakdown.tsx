"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import { Segmented } from "../../primitives/Segmented.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeter } from "../../provider/use-promptmeter.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { FeatureBreakdownView } from "./FeatureBreakdownView.js";
import { FEATURE_GROUPINGS, type FeatureGrouping, type FeatureViewRow, isFeaturesEmpty, prepareFeatureBreakdown } from "./prepare.js";

export interface FeatureBreakdownProps extends KpiOverrides {
  /** Group by the events' `feature` or by tag at first (default `feature`); the card's switcher changes it. */
  by?: FeatureGrouping;
  /** Called when a row is opened; default: toggles the provider's `feature` (or `tags`) filter to that row. */
  onSelect?: (row: { by: FeatureGrouping; name: string | null }) => void;
  /** Card title (default "Features"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/** The most common kinds of query and where users struggle with them (`kpi.features`, per feature or per tag). */
export function FeatureBreakdown(props: FeatureBreakdownProps): ReactNode {
  const { range, filters, timezone, bucket, compare, title = "Features", locale, className } = props;
  const [by, setBy] = useState<FeatureGrouping>(props.by ?? "feature");
  const [seenBy, setSeenBy] = useState(props.by);
  if (seenBy !== props.by) {
    setSeenBy(props.by);
    setBy(props.by ?? "feature");
  }
  const { filters: active, setFilter } = usePromptmeter();
  const f = useFormatters(locale);
  const trpc = useTRPC();
  const input = useKpiQueryInput({ range, filters, timezone, bucket, compare });
  const query = useQuery(
    trpc.kpi.features.queryOptions({ ...input, by }, { placeholderData: keepPreviousData }),
    usePromptmeterQueryClient(),
  );
  const frame = frameStateOf(query, isFeaturesEmpty);

  const toggleFilter = (row: FeatureViewRow) => {
    if (row.name === null) return;
    if (by === "feature") setFilter("feature", active.feature === row.name ? undefined : row.name);
    else setFilter("tags", active.tags?.length === 1 && active.tags[0] === row.name ? undefined : [row.name]);
  };
  const onSelect = props.onSelect ? (row: FeatureViewRow) => props.onSelect?.({ by, name: row.name }) : toggleFilter;

  return (
    <ChartFrame
      title={title}
      subtitle={by === "tag" ? "Per tag (a request with two tags counts in both)" : "Per feature: the kinds of query users make"}
      actions={<Segmented label="Group by" options={FEATURE_GROUPINGS} value={by} onChange={setBy} />}
      emptyMessage="No requests in this range"
      skeleton="list"
      className={className}
      minHeight={220}
      {...frame}
    >
      {/* The placeholder of the other grouping is shown under its own `by`, so labels never mix. */}
      {query.data && <FeatureBreakdownView data={prepareFeatureBreakdown(query.data, f)} onSelect={onSelect} locale={locale} />}
    </ChartFrame>
  );
}
