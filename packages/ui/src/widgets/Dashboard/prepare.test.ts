import { describe, expect, it } from "vitest";
import { type DashboardSlot, filterOptions, groupBySection } from "./prepare.js";

const slots: DashboardSlot[] = [
  { name: "OverviewStrip", section: "overview", width: "full" },
  { name: "CostCard", section: "traffic", width: "third" },
  { name: "RequestLog", section: "requests", width: "full" },
  { name: "Throughput", section: "traffic", width: "third" },
];

describe("groupBySection", () => {
  it("groups widgets by section in the sections' order, keeping list order within each", () => {
    expect(groupBySection(slots).map((s) => [s.id, s.slots.map((slot) => slot.name)])).toEqual([
      ["overview", ["OverviewStrip"]],
      ["traffic", ["CostCard", "Throughput"]],
      ["requests", ["RequestLog"]],
    ]);
  });

  it("leaves hidden widgets out, and a section with none left", () => {
    const sections = groupBySection(slots, ["RequestLog", "CostCard"]);
    expect(sections.map((s) => [s.title, s.slots.map((slot) => slot.name)])).toEqual([
      ["Key figures", ["OverviewStrip"]],
      ["Spend and traffic", ["Throughput"]],
    ]);
    expect(sections[0]?.hidden).toBe(true);
    expect(sections[1]?.hidden).toBe(false);
  });
});

describe("filterOptions", () => {
  const tokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  const row = (provider: string, model: string) => ({
    provider,
    model,
    requests: 1,
    share: 0.25,
    costUsd: 0,
    unpricedRequests: 0,
    tokens,
    errorRate: 0,
    p95: null,
  });
  const models = {
    requests: 4,
    models: 4,
    rows: [row("openai", "gpt-4o-mini"), row("azure", "gpt-4o"), row("openai", "gpt-4o"), row("anthropic", "claude-sonnet-4-5")],
    topModels: [],
    series: [],
    previous: null,
    percentiles: "exact" as const,
  };
  const feature = (name: string | null) => ({
    name,
    requests: 1,
    share: 0.5,
    errorRate: 0,
    feedbackCount: 0,
    avgScore: null,
    costUsd: 0,
    unpricedRequests: 0,
    p95: null,
    difficulty: false,
    difficultyReasons: [],
  });
  const overall = { requests: 2, errorRate: 0, feedbackCount: 0, avgScore: null, costUsd: 0 };

  it("lists each model and provider once, most requested first, and named features only", () => {
    const features = {
      by: "feature" as const,
      rows: [feature("chat"), feature(null)],
      overall,
      previous: null,
      percentiles: "exact" as const,
    };
    expect(filterOptions(models, features)).toEqual({
      model: ["gpt-4o-mini", "gpt-4o", "claude-sonnet-4-5"],
      provider: ["openai", "azure", "anthropic"],
      feature: ["chat"],
    });
  });

  it("offers nothing for a list not loaded yet", () => {
    expect(filterOptions(undefined, undefined)).toEqual({});
  });
});
