import { describe, expect, it } from "vitest";
import { isModelsEmpty, type ModelsData, modelLabeler, modelRows, modelSeries, prepareModels } from "./prepare.js";

const tokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
const row = (provider: string, model: string, requests: number, costUsd: number, p95: number | null, unpricedRequests = 0) => ({
  provider,
  model,
  requests,
  share: requests / 100,
  costUsd,
  unpricedRequests,
  tokens,
  errorRate: 0,
  p95,
});

function answer(overrides: Partial<ModelsData> = {}): ModelsData {
  return {
    requests: 100,
    models: 4,
    rows: [
      row("openai", "gpt-4o-mini", 50, 1.5, 900),
      row("azure", "gpt-4o", 25, 3, 2000),
      row("openai", "gpt-4o", 15, 2, 1800),
      row("openai", "ft:custom", 10, 0.25, 700, 6),
    ],
    topModels: [
      { provider: "openai", model: "gpt-4o-mini" },
      { provider: "azure", model: "gpt-4o" },
    ],
    series: [
      { t: "2026-11-22T00:00:00.000Z", top: [30, 10], other: 5 },
      { t: "2026-11-22T01:00:00.000Z", top: [20, 15], other: 20 },
    ],
    previous: null,
    percentiles: "histogram",
    ...overrides,
  };
}

describe("modelLabeler", () => {
  it("names a model by itself unless two providers serve that name", () => {
    const label = modelLabeler(answer().rows);
    expect(label({ provider: "openai", model: "gpt-4o-mini" })).toBe("gpt-4o-mini");
    expect(label({ provider: "azure", model: "gpt-4o" })).toBe("gpt-4o (azure)");
    expect(label({ provider: "openai", model: "gpt-4o" })).toBe("gpt-4o (openai)");
  });
});

describe("modelRows", () => {
  it("keeps the top models and adds the rest up into one row (whose p95 is unknown: percentiles do not add)", () => {
    expect(modelRows(answer(), 2)).toEqual([
      { key: "openai/gpt-4o-mini", label: "gpt-4o-mini", requests: 50, share: 0.5, costUsd: 1.5, unpricedRequests: 0, p95: 900, models: 1 },
      { key: "azure/gpt-4o", label: "gpt-4o (azure)", requests: 25, share: 0.25, costUsd: 3, unpricedRequests: 0, p95: 2000, models: 1 },
      { key: "other", label: "2 other models", requests: 25, share: 0.25, costUsd: 2.25, unpricedRequests: 6, p95: null, models: 2 },
    ]);
  });

  it("has no other row when every model fits", () => {
    expect(modelRows(answer(), 4).map((r) => r.key)).toEqual(["openai/gpt-4o-mini", "azure/gpt-4o", "openai/gpt-4o", "openai/ft:custom"]);
    expect(modelRows(answer(), 3).at(-1)?.label).toBe("1 other model");
  });
});

describe("modelSeries", () => {
  it("spreads each bucket's top counts into one key per model, other last", () => {
    const { series, seriesKeys } = modelSeries(answer());
    expect(series).toEqual([
      { t: "2026-11-22T00:00:00.000Z", m0: 30, m1: 10, other: 5 },
      { t: "2026-11-22T01:00:00.000Z", m0: 20, m1: 15, other: 20 },
    ]);
    expect(seriesKeys).toEqual([
      { key: "m0", label: "gpt-4o-mini", color: "var(--pm-chart-1)" },
      { key: "m1", label: "gpt-4o (azure)", color: "var(--pm-chart-2)" },
      { key: "other", label: "Other", color: "var(--pm-muted-foreground)" },
    ]);
  });
});

describe("prepareModels", () => {
  it("puts list and series together, and is empty without requests", () => {
    const view = prepareModels(answer(), 1);
    expect(view.rows.map((r) => r.label)).toEqual(["gpt-4o-mini", "3 other models"]);
    expect(view.models).toBe(4);
    expect(isModelsEmpty(answer({ requests: 0 }))).toBe(true);
  });
});
