import { describe, expect, it } from "vitest";
import { barFractions } from "./bar-list-rows.js";
import { cellOpacity, hourNames, matrixMax, normalizeMatrix, weekdayNames } from "./heatmap-cells.js";

describe("heatmap cells", () => {
  it("names weekdays from Monday in the locale", () => {
    expect(weekdayNames("en-US")).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(weekdayNames("fr-FR", "long")[0]).toBe("lundi");
  });

  it("names hours as the locale writes them", () => {
    const en = hourNames("en-US");
    expect(en).toHaveLength(24);
    expect(en[0]).toBe("12 AM");
    expect(en[14]).toBe("2 PM");
    expect(hourNames("en-GB")[14]).toBe("14");
  });

  it("pads a ragged matrix to 7 × 24 with zeros", () => {
    const m = normalizeMatrix([[1, 2], [], [null as unknown as number]]);
    expect(m).toHaveLength(7);
    expect(m.every((row) => row.length === 24)).toBe(true);
    expect(m[0]!.slice(0, 3)).toEqual([1, 2, 0]);
    expect(m[2]![0]).toBe(0);
    expect(m[6]![23]).toBe(0);
  });

  it("scales opacity between a visible minimum and 1", () => {
    expect(
      matrixMax([
        [1, 9],
        [4, 0],
      ]),
    ).toBe(9);
    expect(cellOpacity(0, 9)).toBe(0);
    expect(cellOpacity(9, 9)).toBe(1);
    expect(cellOpacity(4.5, 9)).toBeCloseTo(0.56, 5);
    expect(cellOpacity(3, 0)).toBe(0);
  });
});

describe("bar list", () => {
  it("sizes bars against the largest value", () => {
    const items = [
      { key: "a", label: "a", value: 40 },
      { key: "b", label: "b", value: 10 },
      { key: "c", label: "c", value: 0 },
    ];
    expect(barFractions(items)).toEqual([1, 0.25, 0]);
    expect(barFractions([{ key: "z", label: "z", value: 0 }])).toEqual([0]);
  });
});
