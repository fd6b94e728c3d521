import { describe, expect, it } from "vitest";
import {
  findGaps,
  hasValue,
  indexAt,
  inferStepMs,
  isAllZero,
  niceCeil,
  pointValue,
  stackPoints,
  tickIndices,
  valueDomain,
} from "./series.js";

const hourly = [
  { t: "2026-11-22T00:00:00.000Z", success: 10, error: 2 },
  { t: "2026-11-22T01:00:00.000Z", success: 0, error: 0 },
  { t: "2026-11-22T02:00:00.000Z", success: 87, error: 5 },
];

describe("series helpers", () => {
  it("reads numbers and treats missing or non-numeric values as 0", () => {
    expect(pointValue({ t: "x", a: 3 }, "a")).toBe(3);
    expect(pointValue({ t: "x", a: "3" }, "a")).toBe(0);
    expect(pointValue({ t: "x" }, "a")).toBe(0);
  });

  it("tells a gap (null, missing) from a real 0", () => {
    expect(hasValue({ t: "x", a: 0 }, "a")).toBe(true);
    expect(hasValue({ t: "x", a: null }, "a")).toBe(false);
    expect(hasValue({ t: "x" }, "a")).toBe(false);
    expect(hasValue({ t: "x", a: Number.NaN }, "a")).toBe(false);
  });

  it("infers the bucket from the smallest step (a 23 h DST day does not fool it into 23 h buckets)", () => {
    expect(inferStepMs(hourly)).toBe(3_600_000);
    // Paris days around the 2026-03-29 change: 24 h, then 23 h.
    const days = [{ t: "2026-03-27T23:00:00Z" }, { t: "2026-03-28T23:00:00Z" }, { t: "2026-03-29T22:00:00Z" }];
    expect(inferStepMs(days)).toBe(23 * 3_600_000);
    expect(findGaps(days, 86_400_000)).toEqual([]);
    expect(inferStepMs([{ t: "2026-11-22T00:00:00Z" }])).toBe(86_400_000);
  });

  it("finds the buckets a gap-filled series must not miss", () => {
    expect(findGaps(hourly)).toEqual([]);
    const missing = [hourly[0]!, hourly[2]!, { t: "2026-11-22T03:00:00.000Z" }];
    expect(findGaps(missing, 3_600_000)).toEqual([1]);
    expect(findGaps([hourly[1]!, hourly[0]!], 3_600_000)).toEqual([1]);
  });

  it("detects an all-zero series", () => {
    expect(isAllZero(hourly, ["success"])).toBe(false);
    expect(isAllZero([hourly[1]!], ["success", "error"])).toBe(true);
    expect(isAllZero([], ["success"])).toBe(true);
  });

  it("rounds maxima up to readable ticks", () => {
    expect(niceCeil(87)).toBe(100);
    expect(niceCeil(230)).toBe(250);
    expect(niceCeil(0.042)).toBe(0.05);
    expect(niceCeil(1)).toBe(1);
    expect(niceCeil(0)).toBe(1);
  });

  it("computes the y domain overlapping or stacked", () => {
    expect(valueDomain(hourly, ["success", "error"], false)).toEqual([0, 100]);
    // stacked: 87 + 5 = 92 → 100; 10 + 2 = 12
    expect(valueDomain(hourly, ["success", "error"], true)).toEqual([0, 100]);
    expect(valueDomain([{ t: "a", x: 140, y: 120 }], ["x", "y"], true)).toEqual([0, 500]);
    expect(valueDomain([hourly[1]!], ["success"], false)).toEqual([0, 1]);
  });

  it("stacks series bottom-up in key order", () => {
    expect(stackPoints(hourly, ["success", "error"])[2]).toEqual({ success: [0, 87], error: [87, 92] });
  });

  it("spaces ticks evenly from the first point", () => {
    expect(tickIndices(14, 5)).toEqual([0, 3, 6, 9, 12]);
    expect(tickIndices(3, 10)).toEqual([0, 1, 2]);
    expect(tickIndices(0, 5)).toEqual([]);
  });

  it("maps an x offset to the point whose band holds it", () => {
    expect(indexAt(0, 10, 5)).toBe(0);
    expect(indexAt(25, 10, 5)).toBe(2);
    expect(indexAt(999, 10, 5)).toBe(4);
    expect(indexAt(-3, 10, 5)).toBe(0);
  });
});
