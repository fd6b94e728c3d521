import { describe, expect, it } from "vitest";
import { splitShares } from "./split-bar.js";

const seg = (key: string, value: number) => ({ key, label: key, value, color: "red" });

describe("splitShares", () => {
  it("divides each value by the total", () => {
    // 1364 + 69 + 418 = 1851
    const shares = splitShares([seg("positive", 1364), seg("neutral", 69), seg("negative", 418)]).map((s) => s.share);
    expect(shares[0]).toBeCloseTo(0.7369, 4);
    expect(shares[1]).toBeCloseTo(0.0373, 4);
    expect(shares[2]).toBeCloseTo(0.2258, 4);
  });

  it("gives zero shares to an all-zero whole instead of dividing by zero", () => {
    expect(splitShares([seg("a", 0), seg("b", 0)]).map((s) => s.share)).toEqual([0, 0]);
  });

  it("counts a negative value as nothing", () => {
    expect(splitShares([seg("a", -5), seg("b", 5)]).map((s) => s.share)).toEqual([0, 1]);
  });
});
