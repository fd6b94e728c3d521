import type { EventRow } from "../rollups/deltas.js";
import type {
  RollupDailyTable,
  RollupErrorMessagesHourlyTable,
  RollupHourlyTable,
  RollupMinuteTable,
  RollupMinuteTotalsTable,
  RollupUserBlocksTable,
  RollupUserDailyTable,
  RollupUsersTable,
} from "./tables.js";

/** Column order of the hot-path event insert on both dialects. */
export const EVENT_COLUMNS = [
  "project_id",
  "id",
  "ts",
  "provider",
  "model",
  "response_model",
  "status",
  "error_type",
  "error_message",
  "http_status",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost_usd",
  "cost_source",
  "latency_ms",
  "ttft_ms",
  "streamed",
  "retries",
  "fallback",
  "fallback_from",
  "cache_hit",
  "user_id",
  "session_id",
  "trace_id",
  "feature",
  "environment",
  "release",
  "tags",
  "metadata",
  "has_payload",
] as const satisfies readonly (keyof EventRow)[];

export const HOURLY_KEY = [
  "project_id",
  "hour",
  "provider",
  "model",
  "status",
  "error_type",
  "environment",
  "feature",
  "release",
] as const satisfies readonly (keyof RollupHourlyTable)[];

/** Hourly columns summed on conflict (histograms are merged separately). */
export const HOURLY_SUMS = [
  "requests",
  "cost_usd",
  "priced_requests",
  "unpriced_requests",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "latency_sum",
  "ttft_sum",
  "ttft_count",
  "streamed",
  "retried",
  "retries_sum",
  "fallbacks",
  "rescued",
  "rescue_attempts",
  "cache_hits",
] as const satisfies readonly (keyof RollupHourlyTable)[];

export const HOURLY_HISTOGRAMS = ["latency_hist", "ttft_hist"] as const satisfies readonly (keyof RollupHourlyTable)[];

/** The daily rollup: the hourly key with `day` for `hour`; the same sums and histograms. */
export const DAILY_KEY = [
  "project_id",
  "day",
  "provider",
  "model",
  "status",
  "error_type",
  "environment",
  "feature",
  "release",
] as const satisfies readonly (keyof RollupDailyTable)[];

export const USERS_KEY = ["project_id", "user_id"] as const satisfies readonly (keyof RollupUsersTable)[];

export const MINUTE_KEY = ["project_id", "minute", "provider", "model"] as const satisfies readonly (keyof RollupMinuteTable)[];
export const MINUTE_SUMS = ["requests", "errors", "outage_errors"] as const satisfies readonly (keyof RollupMinuteTable)[];
export const ERROR_MESSAGES_KEY = [
  "project_id",
  "hour",
  "error_type",
  "message_key",
] as const satisfies readonly (keyof RollupErrorMessagesHourlyTable)[];
export const MINUTE_TOTALS_KEY = ["project_id", "minute"] as const satisfies readonly (keyof RollupMinuteTotalsTable)[];
export const MINUTE_TOTALS_SUMS = ["requests", "errors"] as const satisfies readonly (keyof RollupMinuteTotalsTable)[];

export const USER_DAILY_KEY = ["project_id", "day", "user_id"] as const satisfies readonly (keyof RollupUserDailyTable)[];
export const USER_DAILY_SUMS = [
  "requests",
  "errors",
  "cost_usd",
  "unpriced_requests",
  "tokens",
] as const satisfies readonly (keyof RollupUserDailyTable)[];

export const USER_BLOCKS_KEY = ["project_id", "block", "user_id"] as const satisfies readonly (keyof RollupUserBlocksTable)[];
export const USER_BLOCKS_SUMS = ["requests", "cost_usd", "tokens"] as const satisfies readonly (keyof RollupUserBlocksTable)[];
