import {
  CostInput,
  CostOutput,
  ErrorsInput,
  ErrorsOutput,
  FeaturesInput,
  FeaturesOutput,
  FeedbackKpiInput,
  FeedbackOutput,
  KpiQuery,
  LatencyInput,
  LatencyOutput,
  ModelsInput,
  ModelsOutput,
  OverviewOutput,
  PeakTimesInput,
  PeakTimesOutput,
  ReliabilityInput,
  ReliabilityOutput,
  RescueInput,
  RescueOutput,
  SessionsInput,
  SessionsOutput,
  ThroughputInput,
  ThroughputOutput,
  TokensInput,
  TokensOutput,
  TopUsersInput,
  TopUsersOutput,
  UsageFrequencyInput,
  UsageFrequencyOutput,
  UsersInput,
  UsersOutput,
} from "@promptmeter/schema";
import { cost } from "../queries/cost.js";
import { errors } from "../queries/errors.js";
import { features } from "../queries/features.js";
import { feedback } from "../queries/feedback.js";
import { latency } from "../queries/latency.js";
import { models } from "../queries/models.js";
import { overview } from "../queries/overview.js";
import { peakTimes } from "../queries/peak-times.js";
import { reliability } from "../queries/reliability.js";
import { rescue } from "../queries/rescue.js";
import { toScope } from "../queries/scope.js";
import { sessions } from "../queries/sessions.js";
import { throughput } from "../queries/throughput.js";
import { tokens } from "../queries/tokens.js";
import { topUsers } from "../queries/top-users.js";
import { usageFrequency } from "../queries/usage-frequency.js";
import { users } from "../queries/users.js";
import { readProcedure, router } from "../trpc.js";

/** Every KPI as a typed query over the caller's project (SPEC.md §4). */
export const kpiRouter = router({
  /** Headline figures: requests, rates, cost, tokens, latency, users, feedback; previous period with `compare`. */
  overview: readProcedure
    .input(KpiQuery)
    .output(OverviewOutput)
    .query(({ ctx, input }) => overview(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** Spend per bucket and per model, cost per request, and the month-end forecast against the budget. */
  cost: readProcedure
    .input(CostInput)
    .output(CostOutput)
    .query(({ ctx, input }) => cost(ctx.services.store, toScope(ctx.projectId, input), input)),
  /** The five token kinds per bucket and per model, per-request means and the cache read share. */
  tokens: readProcedure
    .input(TokensInput)
    .output(TokensOutput)
    .query(({ ctx, input }) => tokens(ctx.services.store, toScope(ctx.projectId, input), input)),
  /** Latency mean and percentiles overall and per bucket, TTFT percentiles, and a distribution histogram. */
  latency: readProcedure
    .input(LatencyInput)
    .output(LatencyOutput)
    .query(({ ctx, input }) => latency(ctx.services.store, toScope(ctx.projectId, input), input)),
  /** Requests per bucket by status, and the mean and peak requests per minute. */
  throughput: readProcedure
    .input(ThroughputInput)
    .output(ThroughputOutput)
    .query(({ ctx, input }) => throughput(ctx.services.store, toScope(ctx.projectId, input), input)),
  /** Per provider + model: popularity, cost, tokens, error rate, p95 latency; a series for the top 5 + other. */
  models: readProcedure
    .input(ModelsInput)
    .output(ModelsOutput)
    .query(({ ctx, input }) => models(ctx.services.store, toScope(ctx.projectId, input), input)),
  /** Per feature (or per tag): volume, errors, feedback, cost, p95, and where users struggle. */
  features: readProcedure
    .input(FeaturesInput)
    .output(FeaturesOutput)
    .query(({ ctx, input }) => features(ctx.services.store, toScope(ctx.projectId, input), input)),
  /** Active users: unique, DAU/WAU/MAU, stickiness, new vs returning, and active users per bucket. */
  users: readProcedure
    .input(UsersInput)
    .output(UsersOutput)
    .query(({ ctx, input }) => users(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** The heaviest users by requests, cost or tokens, with error rate, feedback and first/last request. */
  topUsers: readProcedure
    .input(TopUsersInput)
    .output(TopUsersOutput)
    .query(({ ctx, input }) => topUsers(ctx.services.store, toScope(ctx.projectId, input), input)),
  /** Feedback volume, rate, score histogram, sentiment, per-model scores, engaged users, top givers, recent comments. */
  feedback: readProcedure
    .input(FeedbackKpiInput)
    .output(FeedbackOutput)
    .query(({ ctx, input }) => feedback(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** Error rate and failures per type per bucket; error rates by model and release; the top grouped messages. */
  errors: readProcedure
    .input(ErrorsInput)
    .output(ErrorsOutput)
    .query(({ ctx, input }) => errors(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** Per provider + model: availability over minutes with traffic, incidents, mean time to recovery, ongoing failure streaks. */
  reliability: readProcedure
    .input(ReliabilityInput)
    .output(ReliabilityOutput)
    .query(({ ctx, input }) => reliability(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** Retries and fallbacks: how often requests needed them and how many they rescued, per bucket and in total. */
  rescue: readProcedure
    .input(RescueInput)
    .output(RescueOutput)
    .query(({ ctx, input }) => rescue(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** Sessions, requests per session and their distribution, repeat rate, sessions with a follow-up. */
  sessions: readProcedure
    .input(SessionsInput)
    .output(SessionsOutput)
    .query(({ ctx, input }) => sessions(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** Requests by local weekday × hour in `timezone` (a 7 × 24 heatmap) and the busiest cell. */
  peakTimes: readProcedure
    .input(PeakTimesInput)
    .output(PeakTimesOutput)
    .query(({ ctx, input }) => peakTimes(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
  /** Users by number of active local days in the range, and mean requests per active user-day. */
  usageFrequency: readProcedure
    .input(UsageFrequencyInput)
    .output(UsageFrequencyOutput)
    .query(({ ctx, input }) => usageFrequency(ctx.services.store, toScope(ctx.projectId, input), input.compare)),
});
