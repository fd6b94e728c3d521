import { describe, expect, it } from "vitest";
import { hourSlot, isPeakTimesEmpty, type PeakTimesData, preparePeakHours } from "./prepare.js";

function matrixWith(cells: Array<[number, number, number]>): number[][] {
  const matrix = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const [day, hour, value] of cells) (matrix[day] as number[])[hour] = value;
  return matrix;
}

// Friday 15:00 is the busiest cell (40), but Monday is the busiest day (30 + 25 = 55) and 9:00 the busiest hour (30 + 20 = 50).
const matrix = matrixWith([
  [0, 9, 30],
  [0, 10, 25],
  [4, 15, 40],
  [6, 9, 20],
]);
const data: PeakTimesData = { requests: 115, peak: { weekday: 4, hour: 15, requests: 40 }, matrix, previous: null };

describe("preparePeakHours", () => {
  it("calls out the peak cell, the busiest weekday and the busiest hour with their shares", () => {
    const view = preparePeakHours(data, "en-US");
    expect(view.peak).toEqual({ label: "Friday, 3 PM–4 PM", requests: 40, share: 40 / 115 });
    expect(view.peakCell).toEqual({ day: 4, hour: 15 });
    expect(view.busiestDay).toEqual({ label: "Monday", requests: 55, share: 55 / 115 });
    expect(view.busiestHour).toEqual({ label: "9 AM–10 AM", requests: 50, share: 50 / 115 });
    expect(view.matrix).toBe(matrix);
  });

  it("names weekdays Monday first in the locale", () => {
    expect(preparePeakHours({ ...data, peak: { weekday: 0, hour: 23, requests: 30 } }, "de-DE").peak?.label).toBe("Montag, 23 Uhr–00 Uhr");
    expect(preparePeakHours(data, "fr-FR").busiestDay?.label).toBe("lundi");
  });

  it("writes hour slots as the locale does, wrapping at midnight", () => {
    expect(hourSlot(23, "en-US")).toBe("11 PM–12 AM");
    expect(hourSlot(0, "en-GB")).toBe("00–01");
  });

  it("has no call-outs and is empty without requests", () => {
    const empty = { requests: 0, peak: null, matrix: matrixWith([]), previous: null };
    expect(preparePeakHours(empty, "en-US")).toMatchObject({ peak: null, peakCell: null, busiestDay: null, busiestHour: null });
    expect(isPeakTimesEmpty(empty)).toBe(true);
    expect(isPeakTimesEmpty(data)).toBe(false);
  });
});
