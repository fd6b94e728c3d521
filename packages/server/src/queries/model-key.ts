import type { DimKey } from "./aggregate.js";

/** A provider + model pair: the same model name served by two providers is two models (prices and latency differ). */
export interface ModelRef {
  provider: string;
  model: string;
}

export function modelRef(key: DimKey): ModelRef {
  return { provider: key.provider ?? "", model: key.model ?? "" };
}

export function modelId(m: ModelRef): string {
  return `${m.provider}\u0000${m.model}`;
}

/** Code-point order of names, so ties sort the same on every machine and locale. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export function compareModels(a: ModelRef, b: ModelRef): number {
  return compareText(a.provider, b.provider) || compareText(a.model, b.model);
}
