import type { ColumnType, Generated } from "kysely";

/** SQLite and PostgreSQL store booleans the same way here (0/1) so queries can SUM them. */
export type Flag = 0 | 1;

export interface ProjectsTable {
  id: string;
  name: string;
  monthly_budget_usd: number | null;
  created_at: number;
}

export type KeyKind = "ingest" | "read";

export interface ApiKeysTable {
  id: string;
  project_id: string;
  kind: KeyKind;
  /** sha256 of the whole key; the key itself is shown once and never stored. */
  key_hash: string;
  /** First characters of the key, enough to recognise it in a list. */
  prefix: string;
  created_at: number;
  revoked_at: number | null;
}

export interface EventsTable {
  /** Time-ordered clustering key; client ids are often random UUIDv4 and must not cluster the table. */
  seq: Generated<number>;
  project_id: string;
  id: string;
  ts: number;
  provider: string;
  model: string;
  response_model: string | null;
  status: "success" | "error";
  error_type: string | null;
  error_message: string | null;
  http_status: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  cost_source: "reported" | "computed" | "unpriced";
  latency_ms: number;
  ttft_ms: number | null;
  streamed: Flag;
  retries: number;
  fallback: Flag;
  fallback_from: string | null;
  cache_hit: Flag;
  user_id: string | null;
  session_id: string | null;
  trace_id: string | null;
  feature: string | null;
  environment: string;
  release: string | null;
  /** JSON array text, or null. */
  tags: string | null;
  /** JSON object text, or null. */
  metadata: string | null;
  has_payload: Flag;
}

export interface EventPayloadsTable {
  project_id: string;
  event_id: string;
  /** JSON text of the payload as sent (a string or a messages array). */
  input: string | null;
  output: string | null;
}

export interface FeedbackTable {
  seq: Generated<number>;
  project_id: string;
  id: string;
  event_id: string | null;
  session_id: string | null;
  user_id: string | null;
  ts: number;
  score: number;
  thumbs: "up" | "down" | null;
  stars: number | null;
  sentiment: "positive" | "neutral" | "negative";
  comment: string | null;
}

/** Feedback per hour, score bin (0…9, width 0.1) and sentiment: kpi.feedback's and kpi.overview's unfiltered figures. */
export interface RollupFeedbackHourlyTable {
  project_id: string;
  hour: number;
  bin: number;
  sentiment: "positive" | "neutral" | "negative";
  feedback: number;
  score_sum: number;
}

/** Feedback sums on an event stored before it, per hour and that event's model and feature (kpi.feedback's byModel, kpi.features' feedback). */
export interface RollupFeedbackModelHourlyTable {
  project_id: string;
  hour: number;
  model: string;
  /** The rated event's feature; '' for none (as in rollup_hourly). */
  feature: string;
  feedback: number;
  score_sum: number;
}

/** Feedback that named an event not stored when it arrived: byModel joins these to their event at query time. */
export interface FeedbackUnratedTable {
  project_id: string;
  ts: number;
  id: string;
}

export interface GoalsTable {
  project_id: string;
  id: string;
  metric: string;
  op: "lte" | "gte";
  target: number;
  window: "24h" | "7d" | "30d";
  /** JSON text of the goal's filters, or null. */
  filters: string | null;
  created_at: number;
}

export interface PriceOverridesTable {
  project_id: string;
  model: string;
  /** '' applies to the model under any provider. */
  provider: string;
  input_per_mtok: number;
  output_per_mtok: number;
  cache_read_per_mtok: number | null;
  cache_write_per_mtok: number | null;
  updated_at: number;
}

/** Hourly sums per project × provider × model × status × error type × environment × feature × release. */
export interface RollupHourlyTable {
  project_id: string;
  hour: number;
  provider: string;
  model: string;
  status: "success" | "error";
  /** '' on success rows. */
  error_type: string;
  environment: string;
  /** '' when the events had none. */
  feature: string;
  release: string;
  requests: number;
  cost_usd: number;
  priced_requests: number;
  unpriced_requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  latency_sum: number;
  ttft_sum: number;
  ttft_count: number;
  streamed: number;
  retried: number;
  retries_sum: number;
  fallbacks: number;
  rescued: number;
  /** Requests that needed a retry or a fallback: the denominator of the rescue rate. */
  rescue_attempts: number;
  cache_hits: number;
  /** JSON object text: log-bucket index → count (see rollups/latency-histogram.ts). */
  latency_hist: string;
  ttft_hist: string;
}

/** The hourly rollup summed per UTC day: month-long ranges read ~24× fewer rows. */
export interface RollupDailyTable extends Omit<RollupHourlyTable, "hour"> {
  /** Start of the UTC day, epoch ms. */
  day: number;
}

/** Each user's first and last request: active users over any range without reading their events. */
export interface RollupUsersTable {
  project_id: string;
  user_id: string;
  first_ts: number;
  last_ts: number;
}

/** Per provider+model minute: what availability and incidents are computed from. */
export interface RollupMinuteTable {
  project_id: string;
  minute: number;
  provider: string;
  model: string;
  requests: number;
  errors: number;
  /** Failures of the kinds that mean the provider is down: server_error, timeout, network, rate_limit. */
  outage_errors: number;
}

/** Failures per hour, error type and raw message: error message groups without reading a month of failures. */
export interface RollupErrorMessagesHourlyTable {
  project_id: string;
  hour: number;
  /** '' when the failure has no type. */
  error_type: string;
  /** '' for failures without a message, else the md5 hex of the message (PostgreSQL's md5() agrees, and keys stay short). */
  message_key: string;
  error_message: string | null;
  failures: number;
  last_ts: number;
}

/** rollup_minute summed over providers and models: the busiest minute of a month is one pass over ~43k rows. */
export interface RollupMinuteTotalsTable {
  project_id: string;
  minute: number;
  requests: number;
  errors: number;
}

/**
 * kpi.reliability's view of one provider+model hour (see rollups/reliability-summary.ts): its
 * failure streaks and down-minute runs, summarized so hours combine in order without their requests.
 * Rebuilt from the hour's events when rollup_reliability_dirty marks it.
 */
export interface RollupReliabilityHourlyTable {
  project_id: string;
  hour: number;
  provider: string;
  model: string;
  first_ts: number;
  /** 1 when the hour's first request failed. */
  first_failed: number;
  first_success_ts: number | null;
  recovered: number;
  recovery_ms: number;
  open_start: number | null;
  traffic_minutes: number;
  down_minutes: number;
  /** JSON [[first down minute, last down minute], …]. */
  down_runs: string;
  first_minute_down: number;
  last_minute_down: number;
}

/** The same summaries per 10-minute slice: a range's partial hours read slices, and raw events only within one slice. */
export type RollupReliabilitySlicesTable = Omit<RollupReliabilityHourlyTable, "hour"> & { slice: number };

/** rollup_reliability_hourly merged per UTC day: a month reads ~30 rows per model instead of ~720. Rebuilt with its hours. */
export type RollupReliabilityDailyTable = Omit<RollupReliabilityHourlyTable, "hour"> & { day: number };

/** Hours whose rollup_reliability_hourly rows are stale: events arrived in them since they were built. */
export interface RollupReliabilityDirtyTable {
  project_id: string;
  hour: number;
  /** Events stored in the hour since it was last rebuilt. */
  events: number;
}

/** Per user and UTC day: top users, active users and usage frequency. */
export interface RollupUserDailyTable {
  project_id: string;
  day: number;
  user_id: string;
  requests: number;
  errors: number;
  cost_usd: number;
  unpriced_requests: number;
  tokens: number;
  first_ts: number;
  last_ts: number;
}

/**
 * Per user and 64-day block of UTC days (blocks start every 32 days, so each day is in two and
 * any run of up to 33 days lies inside one): which days the user was active and the block's
 * sums, so a month-long range reads one row per user (usage frequency exactly, top users as an
 * upper bound) instead of one per user-day.
 */
export interface RollupUserBlocksTable {
  project_id: string;
  /** Start of the block's first UTC day, epoch ms (a multiple of 32 days). */
  block: number;
  user_id: string;
  /** Bit i set when the user had a request on day i of the block (a signed 64-bit integer; combined in SQL only). */
  days: bigint;
  requests: number;
  cost_usd: number;
  tokens: number;
}

/** Active users per UTC day (the day's rollup_user_daily rows, counted as they are inserted): kpi.users' daily series. */
export interface RollupActiveUsersDailyTable {
  project_id: string;
  day: number;
  users: number;
}

export interface Database {
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  events: EventsTable;
  event_payloads: EventPayloadsTable;
  feedback: FeedbackTable;
  goals: GoalsTable;
  price_overrides: PriceOverridesTable;
  rollup_hourly: RollupHourlyTable;
  rollup_daily: RollupDailyTable;
  rollup_users: RollupUsersTable;
  rollup_minute: RollupMinuteTable;
  rollup_minute_totals: RollupMinuteTotalsTable;
  rollup_error_messages_hourly: RollupErrorMessagesHourlyTable;
  rollup_user_daily: RollupUserDailyTable;
  rollup_user_blocks: RollupUserBlocksTable;
  rollup_active_users_daily: RollupActiveUsersDailyTable;
  rollup_reliability_hourly: RollupReliabilityHourlyTable;
  rollup_reliability_slices: RollupReliabilitySlicesTable;
  rollup_reliability_daily: RollupReliabilityDailyTable;
  rollup_reliability_dirty: RollupReliabilityDirtyTable;
  rollup_feedback_hourly: RollupFeedbackHourlyTable;
  rollup_feedback_model_hourly: RollupFeedbackModelHourlyTable;
  feedback_unrated: FeedbackUnratedTable;
}

export type Timestamp = ColumnType<number, number, number>;
