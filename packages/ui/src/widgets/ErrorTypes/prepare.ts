import type { RouterOutputs } from "@promptmeter/server";
import type { BarListItem } from "../../primitives/bar-list-rows.js";
import type { Formatters } from "../../primitives/format.js";

/** What `kpi.errors` answers. */
export type ErrorsData = RouterOutputs["kpi"]["errors"];
/** One of the SPEC's error types. */
export type ErrorTypeName = ErrorsData["byType"][number]["errorType"];

/** How each error type reads on screen. */
export const ERROR_TYPE_LABELS: Record<ErrorTypeName, string> = {
  rate_limit: "Rate limit",
  timeout: "Timeout",
  server_error: "Server error",
  network: "Network",
  auth: "Auth",
  invalid_request: "Invalid request",
  context_length: "Context length",
  content_filter: "Content filter",
  cancelled: "Cancelled",
  other: "Other",
};

/** One grouped error message, ready to list. */
export interface MessageRow {
  /** Stable identity (type + normalized message). */
  key: string;
  /** The normalized message, or a placeholder for failures without one. */
  message: string;
  /** The latest message of the group as it was sent (shown on hover), null without one. */
  example: string | null;
  errorType: ErrorTypeName;
  /** The error type's label. */
  typeLabel: string;
  count: number;
  /** ISO time of the group's latest failure. */
  lastSeen: string;
}

/** The ErrorTypes figures, ready to show. */
export interface ErrorTypesViewData {
  errors: number;
  requests: number;
  /** Failures per type, most first, only types that occurred; detail = share of failures. */
  bars: BarListItem[];
  /** The most frequent message groups, most first. */
  messages: MessageRow[];
}

/** Nothing to show: no failure in the range (with or without requests). */
export function isErrorTypesEmpty(data: ErrorsData): boolean {
  return data.errors === 0;
}

/** The empty state's words: no traffic at all, or traffic without failures. */
export function errorTypesEmptyMessage(data: ErrorsData | undefined): string {
  return data && data.requests > 0 ? "No failed requests in this range" : "No requests in this range";
}

/** `kpi.errors` → failures per type (bars) and the grouped messages (list). */
export function prepareErrorTypes(data: ErrorsData, f: Formatters): ErrorTypesViewData {
  const bars = data.byType
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count)
    .map((row) => ({
      key: row.errorType,
      label: ERROR_TYPE_LABELS[row.errorType],
      value: row.count,
      detail: data.errors > 0 ? f.percent(row.count / data.errors) : undefined,
    }));
  const messages = [...data.topMessages]
    .sort((a, b) => b.count - a.count)
    .map((row) => ({
      key: `${row.errorType}:${row.message ?? ""}`,
      message: row.message ?? "(no message)",
      example: row.example,
      errorType: row.errorType,
      typeLabel: ERROR_TYPE_LABELS[row.errorType],
      count: row.count,
      lastSeen: row.lastSeen,
    }));
  return { errors: data.errors, requests: data.requests, bars, messages };
}
