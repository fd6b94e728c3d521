import { describe, expect, it } from "vitest";
import { createFormatters } from "../../primitives/format.js";
import { isFeaturesEmpty, prepareFeatureBreakdown } from "./prepare.js";

const f = createFormatters("en-US", "UTC");
const row = (name: string | null, requests: number, extra: Record<string, unknown> = {}) => ({
  name,
  requests,
  share: requests / 100,
  errorRate: 0.02,
  feedbackCount: 4,
  avgScore: 0.7,
  costUsd: 1.5,
  unpricedRequests: 0,
  p95: 1200,
  difficulty: false,
  difficultyReasons: [] as Array<"errorRate" | "avgScore">,
  ...extra,
});

const data = {
  by: "feature" as const,
  rows: [
    row("chat", 50),
    row("code", 30, { errorRate: 0.06, avgScore: 0.5, difficulty: true, difficultyReasons: ["errorRate", "avgScore"] }),
    row(null, 20, { costUsd: 0, unpricedRequests: 20 }),
  ],
  overall: { requests: 100, errorRate: 0.025, feedbackCount: 12, avgScore: 0.68, costUsd: 3 },
  previous: null,
  percentiles: "histogram" as const,
};

describe("prepareFeatureBreakdown", () => {
  it("spells out why a feature is flagged, against the overall figures", () => {
    const view = prepareFeatureBreakdown(data, f);
    expect(view.struggling.map((r) => r.label)).toEqual(["code"]);
    expect(view.struggling[0]?.reasons).toEqual([
      "Error rate 6% is more than twice the overall 2.5%",
      "Avg score 0.5 is more than 0.15 below the overall 0.68",
    ]);
    expect(view.struggling[0]?.flagged).toEqual({ errorRate: true, avgScore: true });
    expect(view.rows.find((r) => r.label === "chat")?.reasons).toEqual([]);
  });

  it("names rows without a feature or tag, and keeps an all-unpriced cost unknown", () => {
    const view = prepareFeatureBreakdown(data, f);
    const none = view.rows.find((r) => r.name === null);
    expect(none?.label).toBe("(no feature)");
    expect(none?.costUsd).toBeNull();
    expect(view.unpricedRequests).toBe(20);
    expect(prepareFeatureBreakdown({ ...data, by: "tag" }, f).rows.find((r) => r.name === null)?.label).toBe("(no tag)");
  });

  it("orders by requests", () => {
    const shuffled = { ...data, rows: [data.rows[2]!, data.rows[0]!, data.rows[1]!] };
    expect(prepareFeatureBreakdown(shuffled, f).rows.map((r) => r.label)).toEqual(["chat", "code", "(no feature)"]);
  });

  it("is empty without requests", () => {
    expect(isFeaturesEmpty({ ...data, rows: [], overall: { ...data.overall, requests: 0 } })).toBe(true);
    expect(isFeaturesEmpty(data)).toBe(false);
  });
});
