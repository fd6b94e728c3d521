import { describe, expect, it } from "vitest";
import { compactFilters, mergeKpiInput } from "./merge-kpi-input.js";

const base = { range: { last: "7d" as const }, timezone: "Europe/Paris", filters: { model: "gpt-4o", environment: "production" } };

describe("mergeKpiInput", () => {
  it("passes the provider's state through when the widget overrides nothing", () => {
    expect(mergeKpiInput(base)).toEqual({
      range: { last: "7d" },
      timezone: "Europe/Paris",
      filters: { model: "gpt-4o", environment: "production" },
    });
  });

  it("lets a widget replace range and time zone, and merges filters key by key", () => {
    expect(
      mergeKpiInput(base, {
        range: { last: "24h" },
        timezone: "UTC",
        filters: { feature: "chat", model: "gpt-4o-mini" },
        bucket: "hour",
        compare: true,
      }),
    ).toEqual({
      range: { last: "24h" },
      timezone: "UTC",
      filters: { model: "gpt-4o-mini", environment: "production", feature: "chat" },
      bucket: "hour",
      compare: true,
    });
  });

  it("removes a provider filter the widget sets to undefined", () => {
    expect(mergeKpiInput(base, { filters: { model: undefined } }).filters).toEqual({ environment: "production" });
  });

  it("drops empty filter values", () => {
    expect(compactFilters({ model: "", tags: [], feature: "chat", status: undefined })).toEqual({ feature: "chat" });
  });
});
