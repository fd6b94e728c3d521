import { describe, expect, it } from "vitest";
import { isTopUsersEmpty, prepareTopUsers } from "./prepare.js";

const row = (userId: string, requests: number, costUsd: number, tokens: number, unpricedRequests = 0) => ({
  userId,
  requests,
  costUsd,
  unpricedRequests,
  tokens,
  errorRate: 0.1,
  feedbackCount: 2,
  avgScore: 0.5,
  firstSeen: "2026-11-09T00:00:00.000Z",
  lastSeen: "2026-11-22T00:00:00.000Z",
  previous: null,
});

const data = {
  rows: [row("ann", 40, 2, 1_000), row("bob", 10, 8, 4_000, 3), row("cid", 40, 0, 500, 40), row("dee", 20, 4, 2_000)],
};

describe("prepareTopUsers", () => {
  it("orders by the ranking, ties by user id, and sizes bars against the largest", () => {
    const view = prepareTopUsers(data, "requests");
    expect(view.rows.map((r) => r.userId)).toEqual(["ann", "cid", "dee", "bob"]);
    expect(view.rows.map((r) => r.rankFraction)).toEqual([1, 1, 0.5, 0.25]);
  });

  it("ranks by cost and by tokens", () => {
    expect(prepareTopUsers(data, "cost").rows.map((r) => [r.userId, r.rankValue])).toEqual([
      ["bob", 8],
      ["dee", 4],
      ["ann", 2],
      ["cid", 0],
    ]);
    expect(prepareTopUsers(data, "tokens").rows.map((r) => r.rankFraction)).toEqual([1, 0.5, 0.25, 0.125]);
  });

  it("shows the cost of a user whose every request was unpriced as unknown, and sums unpriced requests", () => {
    const view = prepareTopUsers(data, "requests");
    expect(view.rows.find((r) => r.userId === "cid")?.costUsd).toBeNull();
    expect(view.rows.find((r) => r.userId === "bob")?.costUsd).toBe(8);
    expect(view.unpricedRequests).toBe(43);
  });

  it("takes the previous period's figure of the ranking when compared", () => {
    const compared = { rows: [{ ...row("ann", 40, 2, 1_000), previous: { requests: 30, costUsd: 1, tokens: 900 } }] };
    expect(prepareTopUsers(compared, "tokens").rows[0]?.previousRankValue).toBe(900);
    expect(prepareTopUsers(data, "tokens").rows[0]?.previousRankValue).toBeNull();
  });

  it("is empty without rows", () => {
    expect(isTopUsersEmpty({ rows: [] })).toBe(true);
    expect(isTopUsersEmpty(data)).toBe(false);
  });
});
