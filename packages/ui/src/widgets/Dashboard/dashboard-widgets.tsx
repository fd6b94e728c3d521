"use client";
import type { ReactNode } from "react";
import { ActiveUsers } from "../ActiveUsers/ActiveUsers.js";
import { Availability } from "../Availability/Availability.js";
import { CostCard } from "../CostCard/CostCard.js";
import { ErrorTrend } from "../ErrorTrend/ErrorTrend.js";
import { ErrorTypes } from "../ErrorTypes/ErrorTypes.js";
import { FeatureBreakdown } from "../FeatureBreakdown/FeatureBreakdown.js";
import { FeedbackSentiment } from "../FeedbackSentiment/FeedbackSentiment.js";
import { FeedbackTrend } from "../FeedbackTrend/FeedbackTrend.js";
import { GoalsPanel } from "../GoalsPanel/GoalsPanel.js";
import { LatencyPercentiles } from "../LatencyPercentiles/LatencyPercentiles.js";
import { ModelPopularity } from "../ModelPopularity/ModelPopularity.js";
import { OverviewStrip } from "../OverviewStrip/OverviewStrip.js";
import { PeakHours } from "../PeakHours/PeakHours.js";
import { RecoveryTime } from "../RecoveryTime/RecoveryTime.js";
import { RequestLog } from "../RequestLog/RequestLog.js";
import { RescueCard } from "../RescueCard/RescueCard.js";
import { SessionDepth } from "../SessionDepth/SessionDepth.js";
import { SuccessRate } from "../SuccessRate/SuccessRate.js";
import { Throughput } from "../Throughput/Throughput.js";
import { TokenUsage } from "../TokenUsage/TokenUsage.js";
import { TopUsers } from "../TopUsers/TopUsers.js";
import { UsageFrequency } from "../UsageFrequency/UsageFrequency.js";
import type { DashboardSlot } from "./prepare.js";

/** What the Dashboard passes to every widget. */
export interface DashboardWidgetProps {
  /** BCP 47 locale of numbers and dates. */
  locale: string | undefined;
  /** Instant the goals are judged at (GoalsPanel only). */
  goalsAt: string | number | undefined;
}

/** One widget of the dashboard: its name, section, width and how to render it. */
export interface DashboardEntry extends DashboardSlot {
  render: (props: DashboardWidgetProps) => ReactNode;
}

/**
 * Every widget the Dashboard shows, in reading order within each section. Adding a widget is one line here;
 * `width` is the share of a row it asks for (rows wrap to fewer columns as the dashboard narrows).
 * KpiTile is not listed on its own: OverviewStrip is a row of its tiles.
 */
export const DASHBOARD_WIDGETS = [
  { name: "OverviewStrip", section: "overview", width: "full", render: (p) => <OverviewStrip locale={p.locale} /> },
  { name: "CostCard", section: "traffic", width: "third", render: (p) => <CostCard locale={p.locale} /> },
  { name: "Throughput", section: "traffic", width: "third", render: (p) => <Throughput locale={p.locale} /> },
  { name: "SuccessRate", section: "traffic", width: "third", render: (p) => <SuccessRate locale={p.locale} /> },
  { name: "LatencyPercentiles", section: "traffic", width: "half", render: (p) => <LatencyPercentiles locale={p.locale} /> },
  { name: "TokenUsage", section: "traffic", width: "half", render: (p) => <TokenUsage locale={p.locale} /> },
  { name: "ErrorTrend", section: "reliability", width: "half", render: (p) => <ErrorTrend locale={p.locale} /> },
  { name: "ErrorTypes", section: "reliability", width: "half", render: (p) => <ErrorTypes locale={p.locale} /> },
  { name: "Availability", section: "reliability", width: "third", render: (p) => <Availability locale={p.locale} /> },
  { name: "RecoveryTime", section: "reliability", width: "third", render: (p) => <RecoveryTime locale={p.locale} /> },
  { name: "RescueCard", section: "reliability", width: "third", render: (p) => <RescueCard locale={p.locale} /> },
  { name: "ModelPopularity", section: "usage", width: "half", render: (p) => <ModelPopularity locale={p.locale} /> },
  { name: "PeakHours", section: "usage", width: "half", render: (p) => <PeakHours locale={p.locale} /> },
  { name: "FeatureBreakdown", section: "usage", width: "full", render: (p) => <FeatureBreakdown locale={p.locale} /> },
  { name: "ActiveUsers", section: "users", width: "third", render: (p) => <ActiveUsers locale={p.locale} /> },
  { name: "UsageFrequency", section: "users", width: "third", render: (p) => <UsageFrequency locale={p.locale} /> },
  { name: "SessionDepth", section: "users", width: "third", render: (p) => <SessionDepth locale={p.locale} /> },
  { name: "TopUsers", section: "users", width: "full", render: (p) => <TopUsers locale={p.locale} /> },
  { name: "FeedbackSentiment", section: "feedback", width: "third", render: (p) => <FeedbackSentiment locale={p.locale} /> },
  { name: "FeedbackTrend", section: "feedback", width: "third", render: (p) => <FeedbackTrend locale={p.locale} /> },
  { name: "GoalsPanel", section: "feedback", width: "third", render: (p) => <GoalsPanel locale={p.locale} at={p.goalsAt} /> },
  { name: "RequestLog", section: "requests", width: "full", render: (p) => <RequestLog locale={p.locale} /> },
] as const satisfies readonly DashboardEntry[];

/** The name of a dashboard widget, for `hide`. */
export type DashboardWidgetName = (typeof DASHBOARD_WIDGETS)[number]["name"];
