import { describe, expect, it } from "vitest";
import { computeDelta } from "./delta.js";

describe("computeDelta", () => {
  it("is good news when the metric moves its good way", () => {
    expect(computeDelta(120, 100, "up")).toEqual({ change: 0.2, direction: "up", tone: "good" });
    expect(computeDelta(80, 100, "down")).toEqual({ change: -0.2, direction: "down", tone: "good" });
  });

  it("is bad news when it moves the other way", () => {
    expect(computeDelta(150, 100, "down")).toEqual({ change: 0.5, direction: "up", tone: "bad" });
    expect(computeDelta(0.9, 1.2, "up").tone).toBe("bad");
  });

  it("is neutral when nothing changed or no direction is better", () => {
    expect(computeDelta(100.02, 100, "up")).toEqual({ change: expect.closeTo(0.0002, 6), direction: "flat", tone: "neutral" });
    expect(computeDelta(200, 100, "none").tone).toBe("neutral");
  });

  it("has no ratio from a zero or unknown previous value", () => {
    expect(computeDelta(5, 0, "up")).toEqual({ change: null, direction: "up", tone: "good" });
    expect(computeDelta(0, 0, "up")).toEqual({ change: null, direction: "flat", tone: "neutral" });
    expect(computeDelta(5, null, "up")).toEqual({ change: null, direction: "flat", tone: "neutral" });
    expect(computeDelta(null, 5, "up")).toEqual({ change: null, direction: "flat", tone: "neutral" });
  });
});
