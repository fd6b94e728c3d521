import { describe, expect, it } from "vitest";
import { budgetView, type CostData, isCostEmpty, prepareCost } from "./prepare.js";

function answer(overrides: Partial<CostData> = {}): CostData {
  return {
    total: 42,
    pricedRequests: 100,
    unpricedRequests: 5,
    perRequest: 0.42,
    series: [
      { t: "2026-11-21T00:00:00.000Z", costUsd: 20, unpricedRequests: 2 },
      { t: "2026-11-22T00:00:00.000Z", costUsd: 22, unpricedRequests: 3 },
    ],
    byModel: [],
    forecast: {
      asOf: "2026-11-23T00:00:00.000Z",
      monthStart: "2026-11-01T00:00:00.000Z",
      monthToDate: 150,
      trailingDailyMean: 10,
      daysLeft: 8,
      projectedMonth: 230,
      budgetUsd: 200,
      projectedOverBudget: true,
      unpricedRequests: 5,
    },
    previous: { total: 30, pricedRequests: 90, unpricedRequests: 0, perRequest: 1 / 3 },
    ...overrides,
  };
}

describe("prepareCost", () => {
  it("keeps the spend, its previous value and the unpriced count apart", () => {
    const view = prepareCost(answer());
    expect(view).toMatchObject({ total: 42, previousTotal: 30, comparison: "ok", unpricedRequests: 5, perRequest: 0.42 });
    expect(view.series).toEqual([
      { t: "2026-11-21T00:00:00.000Z", costUsd: 20 },
      { t: "2026-11-22T00:00:00.000Z", costUsd: 22 },
    ]);
  });

  it("shows an all-unpriced spend as unknown, never $0", () => {
    const view = prepareCost(answer({ total: 0, pricedRequests: 0, unpricedRequests: 7, perRequest: null }));
    expect(view.total).toBeNull();
    expect(view.unpricedRequests).toBe(7);
  });

  it("does not compare with a previous period that priced nothing, nor when compare is off", () => {
    expect(prepareCost(answer({ previous: { total: 0, pricedRequests: 0, unpricedRequests: 3, perRequest: null } }))).toMatchObject({
      comparison: "no-data",
      previousTotal: undefined,
    });
    expect(prepareCost(answer({ previous: null }))).toMatchObject({ comparison: "off", previousTotal: undefined });
  });

  it("uses the project's budget unless one is given, and none at all with null", () => {
    expect(prepareCost(answer()).budget?.budgetUsd).toBe(200);
    expect(prepareCost(answer(), 500).budget?.budgetUsd).toBe(500);
    expect(prepareCost(answer(), null).budget).toBeNull();
  });

  it("is empty only without any request", () => {
    expect(isCostEmpty(answer({ pricedRequests: 0, unpricedRequests: 0 }))).toBe(true);
    expect(isCostEmpty(answer({ pricedRequests: 0, unpricedRequests: 1 }))).toBe(false);
  });
});

describe("budgetView", () => {
  it("scales the bar to the budget when spend and projection stay under it", () => {
    // $50 spent, $80 projected of $200: quarter spent, 40 % projected, budget at the end of the bar.
    expect(budgetView(50, 80, 200)).toEqual({
      budgetUsd: 200,
      spentShare: 0.25,
      projectedShare: 0.4,
      bar: { spent: 0.25, projected: 0.4, budget: 1 },
      overBudget: false,
      projectedOverBudget: false,
    });
  });

  it("scales the bar to the projection when it overshoots, so the budget mark sits inside", () => {
    // $150 spent, $250 projected of $200: the bar is $250 long, the budget mark at 80 %.
    expect(budgetView(150, 250, 200)).toMatchObject({
      spentShare: 0.75,
      projectedShare: 1.25,
      bar: { spent: 0.6, projected: 1, budget: 0.8 },
      overBudget: false,
      projectedOverBudget: true,
    });
    expect(budgetView(300, 320, 200)).toMatchObject({ overBudget: true, projectedOverBudget: true });
  });

  it("has no bar without a positive budget", () => {
    expect(budgetView(10, 20, null)).toBeNull();
    expect(budgetView(10, 20, 0)).toBeNull();
  });
});
