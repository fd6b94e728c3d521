import { z } from "zod";
import { KpiQuery } from "../query.js";

export const PeakTimesInput = KpiQuery;

/** The busiest local weekday (0 = Monday … 6 = Sunday) and hour; null when there was no traffic. */
export const PeakCell = z
  .object({
    weekday: z.number().int().min(0).max(6),
    hour: z.number().int().min(0).max(23),
    requests: z.number(),
  })
  .nullable();

export const PeakTimesFigures = z.object({
  requests: z.number(),
  peak: PeakCell,
});
export type PeakTimesFigures = z.infer<typeof PeakTimesFigures>;

export const PeakTimesOutput = PeakTimesFigures.extend({
  /** matrix[weekday][hour]: requests by local weekday (0 = Monday) and local hour in `timezone`. */
  matrix: z.array(z.array(z.number()).length(24)).length(7),
  /** The previous period of equal length, when `compare` was asked. */
  previous: PeakTimesFigures.nullable(),
});
export type PeakTimesOutput = z.infer<typeof PeakTimesOutput>;
