import { z } from "zod";
import { KpiQuery } from "../query.js";
import { BucketTime, PercentileMethod, Rate, TokenTotals } from "./common.js";

export const ModelsInput = KpiQuery;

/** One provider + model (the same model name served by two providers is two rows). */
export const ModelRow = z.object({
  provider: z.string(),
  model: z.string(),
  requests: z.number(),
  /** This model's part of all requests. */
  share: Rate,
  /** USD over priced requests; unpriced ones are counted in `unpricedRequests`, never as $0. */
  costUsd: z.number(),
  unpricedRequests: z.number(),
  tokens: TokenTotals,
  errorRate: Rate,
  /** Latency p95 in ms over the eligible requests (successes unless `filters.status`). */
  p95: z.number().nullable(),
});

export const ModelRef = z.object({ provider: z.string(), model: z.string() });

/** Requests per bucket: `top[i]` is the requests of `topModels[i]`; `other` the rest. */
export const ModelsPoint = z.object({ t: BucketTime, top: z.array(z.number()), other: z.number() });

export const ModelsFigures = z.object({ requests: z.number(), models: z.number() });

export const ModelsOutput = ModelsFigures.extend({
  /** Most requested first. */
  rows: z.array(ModelRow),
  /** The (at most) 5 most requested models, which the series splits out. */
  topModels: z.array(ModelRef),
  series: z.array(ModelsPoint),
  /** Requests and distinct models of the previous period, when `compare` was asked. */
  previous: ModelsFigures.nullable(),
  percentiles: PercentileMethod,
});
export type ModelsOutput = z.infer<typeof ModelsOutput>;
