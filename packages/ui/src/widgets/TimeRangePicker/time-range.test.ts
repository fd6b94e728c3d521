import { describe, expect, it } from "vitest";
import { customRange, daysOfRange, describeRange, zonedDay, zonedMidnight, zoneOffsetMs } from "./time-range.js";

describe("time zone arithmetic", () => {
  it("knows the offset of a zone at an instant", () => {
    expect(zoneOffsetMs(Date.parse("2026-01-15T12:00:00Z"), "Europe/Paris")).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse("2026-07-15T12:00:00Z"), "Europe/Paris")).toBe(7_200_000);
    expect(zoneOffsetMs(Date.parse("2026-07-15T12:00:00Z"), "America/New_York")).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs(Date.parse("2026-07-15T12:00:00Z"), "UTC")).toBe(0);
  });

  it("finds local midnight, DST days included", () => {
    // Paris switches to summer time on 2026-03-29 at 02:00; that midnight is still UTC+1.
    expect(new Date(zonedMidnight("2026-03-29", "Europe/Paris")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(new Date(zonedMidnight("2026-03-30", "Europe/Paris")).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    // New York leaves summer time on 2026-11-01 at 02:00; that midnight is still UTC−4.
    expect(new Date(zonedMidnight("2026-11-01", "America/New_York")).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(new Date(zonedMidnight("2026-11-02", "America/New_York")).toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("names the local day of an instant", () => {
    expect(zonedDay(Date.parse("2026-11-22T23:30:00Z"), "Europe/Paris")).toBe("2026-11-23");
    expect(zonedDay(Date.parse("2026-11-22T23:30:00Z"), "UTC")).toBe("2026-11-22");
  });
});

describe("custom ranges", () => {
  it("covers whole local days, the 23-hour DST day included", () => {
    expect(customRange("2026-03-29", "2026-03-29", "Europe/Paris")).toEqual({
      from: "2026-03-28T23:00:00.000Z",
      to: "2026-03-29T22:00:00.000Z",
    });
    expect(customRange("2026-11-09", "2026-11-22", "UTC")).toEqual({ from: "2026-11-09T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" });
  });

  it("refuses reversed or malformed days", () => {
    expect(customRange("2026-11-22", "2026-11-09", "UTC")).toBeNull();
    expect(customRange("", "2026-11-09", "UTC")).toBeNull();
  });

  it("shows an absolute range as the days it covers", () => {
    const range = { from: "2026-11-09T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" };
    expect(daysOfRange(range, "UTC")).toEqual({ from: "2026-11-09", to: "2026-11-22" });
    expect(describeRange(range, "en-US", "UTC")).toBe("Nov 9, 2026 – Nov 22, 2026");
    expect(describeRange({ last: "24h" }, "en-US", "UTC")).toBe("Last 24 hours");
  });
});
