import { describe, expect, it } from "vitest";
import { isTokensEmpty, MAX_BARS, prepareTokens, splitTokens, type TokensData } from "./prepare.js";

const zero = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

function answer(overrides: Partial<TokensData> = {}): TokensData {
  return {
    requests: 4,
    totals: { input: 1000, output: 200, cacheRead: 300, cacheWrite: 100, reasoning: 50 },
    avgInputPerRequest: 250,
    avgOutputPerRequest: 50,
    cacheReadShare: 0.3,
    series: [
      { t: "2026-11-22T00:00:00.000Z", input: 1000, output: 200, cacheRead: 300, cacheWrite: 100, reasoning: 50 },
      { t: "2026-11-22T01:00:00.000Z", ...zero },
    ],
    byModel: [],
    previous: {
      requests: 2,
      totals: { ...zero, input: 500, output: 100 },
      avgInputPerRequest: 250,
      avgOutputPerRequest: 50,
      cacheReadShare: 0,
    },
    ...overrides,
  };
}

describe("splitTokens", () => {
  it("splits a bucket into parts that add up to input + output", () => {
    const point = splitTokens({ t: "x", input: 1000, output: 200, cacheRead: 300, cacheWrite: 100, reasoning: 50 });
    expect(point).toEqual({ t: "x", freshInput: 600, cacheRead: 300, cacheWrite: 100, visibleOutput: 150, reasoning: 50 });
    expect(point.freshInput + point.cacheRead + point.cacheWrite + point.visibleOutput + point.reasoning).toBe(1200);
  });

  it("never goes negative when a provider reports more cache or reasoning than the total", () => {
    expect(splitTokens({ t: "x", input: 100, output: 10, cacheRead: 80, cacheWrite: 40, reasoning: 30 })).toEqual({
      t: "x",
      freshInput: 0,
      cacheRead: 80,
      cacheWrite: 20,
      visibleOutput: 0,
      reasoning: 10,
    });
  });
});

describe("prepareTokens", () => {
  it("totals input + output and compares it with the previous period", () => {
    const view = prepareTokens(answer());
    expect(view).toMatchObject({ total: 1200, previousTotal: 600, comparison: "ok", cacheReadShare: 0.3, variant: "bar" });
    expect(view.series[1]).toEqual({
      t: "2026-11-22T01:00:00.000Z",
      freshInput: 0,
      cacheRead: 0,
      cacheWrite: 0,
      visibleOutput: 0,
      reasoning: 0,
    });
  });

  it("does not compare with an empty previous period", () => {
    const previous = { requests: 0, totals: zero, avgInputPerRequest: null, avgOutputPerRequest: null, cacheReadShare: null };
    expect(prepareTokens(answer({ previous }))).toMatchObject({ comparison: "no-data", previousTotal: undefined });
    expect(prepareTokens(answer({ previous: null })).comparison).toBe("off");
  });

  it("draws areas once bars would be too thin", () => {
    const many = Array.from({ length: MAX_BARS + 1 }, (_, i) => ({ t: new Date(Date.UTC(2026, 10, 1, i)).toISOString(), ...zero }));
    expect(prepareTokens(answer({ series: many })).variant).toBe("area");
  });

  it("is empty without requests", () => {
    expect(isTokensEmpty(answer({ requests: 0 }))).toBe(true);
  });
});
