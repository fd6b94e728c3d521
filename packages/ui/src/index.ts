export { BarList, type BarListProps } from "./primitives/BarList.js";
export { type BarListItem, barFractions } from "./primitives/bar-list-rows.js";
export { bucketName } from "./primitives/bucket-name.js";
export { ChartFrame, type ChartFrameProps, type FrameStatus } from "./primitives/ChartFrame.js";
export {
  EmptyState,
  type EmptyStateProps,
  ErrorState,
  type ErrorStateProps,
  LoadingSkeleton,
  type LoadingSkeletonProps,
} from "./primitives/ChartStates.js";
export { DataTable, type DataTableColumn, type DataTableProps } from "./primitives/DataTable.js";
export { computeDelta, type Delta, type GoodDirection } from "./primitives/delta.js";
export { createFormatters, type Formatters, type TimeLike } from "./primitives/format.js";
export { frameStateOf, type QueryLike } from "./primitives/frame-status.js";
export { Heatmap, type HeatmapProps } from "./primitives/Heatmap.js";
export { cellOpacity, HOURS, hourNames, matrixMax, normalizeMatrix, WEEKDAYS, weekdayNames } from "./primitives/heatmap-cells.js";
export { Segmented, type SegmentedOption, type SegmentedProps } from "./primitives/Segmented.js";
export { SplitBar, type SplitBarProps } from "./primitives/SplitBar.js";
export { Stat, type StatProps } from "./primitives/Stat.js";
export {
  findGaps,
  indexAt,
  inferStepMs,
  isAllZero,
  niceCeil,
  pointValue,
  type SeriesPoint,
  stackPoints,
  tickIndices,
  valueDomain,
} from "./primitives/series.js";
export { type SplitSegment, type SplitShare, splitShares } from "./primitives/split-bar.js";
export { seriesColor, TimeSeries, type TimeSeriesProps, type TimeSeriesSeries } from "./primitives/TimeSeries.js";
export { useFormatters } from "./primitives/use-formatters.js";
export { VisuallyHiddenTable, type VisuallyHiddenTableProps } from "./primitives/VisuallyHiddenTable.js";
export { createPromptmeterClient, type PromptmeterClient, type PromptmeterClientOptions } from "./provider/create-client.js";
export { compactFilters, type KpiBase, type KpiOverrides, mergeKpiInput } from "./provider/merge-kpi-input.js";
export { PromptmeterProvider, type PromptmeterProviderProps } from "./provider/PromptmeterProvider.js";
export type { FilterKey, PromptmeterState } from "./provider/promptmeter-context.js";
export { QUERY_KEY_PREFIX, useTRPC, useTRPCClient } from "./provider/trpc.js";
export { useKpiQueryInput } from "./provider/use-kpi-query-input.js";
export { usePromptmeter, usePromptmeterOptional } from "./provider/use-promptmeter.js";
export { usePromptmeterQueryClient } from "./provider/use-promptmeter-query-client.js";
export { ActiveUsers, type ActiveUsersProps } from "./widgets/ActiveUsers/ActiveUsers.js";
export { Availability, type AvailabilityProps } from "./widgets/Availability/Availability.js";
export { CostCard, type CostCardProps } from "./widgets/CostCard/CostCard.js";
export { Dashboard, type DashboardProps } from "./widgets/Dashboard/Dashboard.js";
export { ErrorTrend, type ErrorTrendProps } from "./widgets/ErrorTrend/ErrorTrend.js";
export { ErrorTypes, type ErrorTypesProps } from "./widgets/ErrorTypes/ErrorTypes.js";
export { FeatureBreakdown, type FeatureBreakdownProps } from "./widgets/FeatureBreakdown/FeatureBreakdown.js";
export { FeedbackSentiment, type FeedbackSentimentProps } from "./widgets/FeedbackSentiment/FeedbackSentiment.js";
export { FeedbackTrend, type FeedbackTrendProps } from "./widgets/FeedbackTrend/FeedbackTrend.js";
export { FilterBar, type FilterBarProps } from "./widgets/FilterBar/FilterBar.js";
export { FilterBarView, type FilterBarViewProps, type FilterOptions, type SelectFilterKey } from "./widgets/FilterBar/FilterBarView.js";
export { GoalsPanel, type GoalsPanelProps } from "./widgets/GoalsPanel/GoalsPanel.js";
export { KpiTile, type KpiTileProps } from "./widgets/KpiTile/KpiTile.js";
export { LatencyPercentiles, type LatencyPercentilesProps } from "./widgets/LatencyPercentiles/LatencyPercentiles.js";
export { ModelPopularity, type ModelPopularityProps } from "./widgets/ModelPopularity/ModelPopularity.js";
export { OverviewStrip, type OverviewStripProps } from "./widgets/OverviewStrip/OverviewStrip.js";
export { PeakHours, type PeakHoursProps } from "./widgets/PeakHours/PeakHours.js";
export { RecoveryTime, type RecoveryTimeProps } from "./widgets/RecoveryTime/RecoveryTime.js";
export { RequestLog, type RequestLogProps } from "./widgets/RequestLog/RequestLog.js";
export { RescueCard, type RescueCardProps } from "./widgets/RescueCard/RescueCard.js";
export { SessionDepth, type SessionDepthProps } from "./widgets/SessionDepth/SessionDepth.js";
export { SuccessRate, type SuccessRateProps } from "./widgets/SuccessRate/SuccessRate.js";
export { Throughput, type ThroughputProps } from "./widgets/Throughput/Throughput.js";
export { TimeRangePicker, type TimeRangePickerProps } from "./widgets/TimeRangePicker/TimeRangePicker.js";
export {
  customRange,
  describeRange,
  isRelativeRange,
  RANGE_OPTIONS,
  zonedDay,
  zonedMidnight,
  zoneOffsetMs,
} from "./widgets/TimeRangePicker/time-range.js";
export { TokenUsage, type TokenUsageProps } from "./widgets/TokenUsage/TokenUsage.js";
export { TopUsers, type TopUsersProps } from "./widgets/TopUsers/TopUsers.js";
export { UsageFrequency, type UsageFrequencyProps } from "./widgets/UsageFrequency/UsageFrequency.js";
