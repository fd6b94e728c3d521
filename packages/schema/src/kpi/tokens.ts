import { z } from "zod";
import { KpiQuery } from "../query.js";
import { BucketTime, Rate, TokenTotals } from "./common.js";

export const TokensInput = KpiQuery;

/** Token use of one period. */
export const TokensFigures = z.object({
  requests: z.number(),
  totals: TokenTotals,
  /** Mean input tokens per request; null without requests. */
  avgInputPerRequest: z.number().nullable(),
  avgOutputPerRequest: z.number().nullable(),
  /** cacheRead / input: how much of the prompt was served from the provider's cache. */
  cacheReadShare: Rate,
});
export type TokensFigures = z.infer<typeof TokensFigures>;

export const TokensPoint = TokenTotals.extend({ t: BucketTime });

export const TokensByModel = TokenTotals.extend({
  provider: z.string(),
  model: z.string(),
  requests: z.number(),
  cacheReadShare: Rate,
});

export const TokensOutput = TokensFigures.extend({
  series: z.array(TokensPoint),
  byModel: z.array(TokensByModel),
  /** The previous period of equal length, when `compare` was asked. */
  previous: TokensFigures.nullable(),
});
export type TokensOutput = z.infer<typeof TokensOutput>;
