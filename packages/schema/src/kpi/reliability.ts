import { z } from "zod";
import { KpiQuery } from "../query.js";
import { Rate } from "./common.js";

export const ReliabilityInput = KpiQuery;

/**
 * A maximal run of down minutes among a model's minutes with traffic; minutes without traffic
 * inside the run do not end it. `end` is exclusive (the end of the last down minute) and
 * `minutes` is the wall-clock length end − start.
 */
export const Incident = z.object({
  start: z.string(),
  end: z.string(),
  minutes: z.number(),
});
export type Incident = z.infer<typeof Incident>;

export const ReliabilityRow = z.object({
  provider: z.string(),
  model: z.string(),
  /** 1 − down minutes / minutes with traffic. */
  availability: z.number().min(0).max(1),
  incidents: z.array(Incident),
  /** Mean time from the first failure of a streak to the next success; null when no streak recovered. */
  mttrMs: z.number().nullable(),
  /** Failure streaks with no success after them in the range. */
  ongoing: z.number(),
});
export type ReliabilityRow = z.infer<typeof ReliabilityRow>;

/** Every provider+model together: availability over all their minutes with traffic, MTTR over all recovered streaks. */
export const ReliabilityFigures = z.object({
  availability: Rate,
  mttrMs: z.number().nullable(),
  incidentCount: z.number(),
  ongoing: z.number(),
});
export type ReliabilityFigures = z.infer<typeof ReliabilityFigures>;

export const ReliabilityOutput = ReliabilityFigures.extend({
  /** One row per provider+model with traffic, least available first. */
  rows: z.array(ReliabilityRow),
  /** The previous period of equal length, when `compare` was asked. */
  previous: ReliabilityFigures.nullable(),
});
export type ReliabilityOutput = z.infer<typeof ReliabilityOutput>;
