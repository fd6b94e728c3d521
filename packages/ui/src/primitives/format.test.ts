import { describe, expect, it } from "vitest";
import { createFormatters } from "./format.js";

const NBSP = "\u00a0";

describe("createFormatters (en-US, UTC)", () => {
  const f = createFormatters("en-US", "UTC");

  it("formats numbers and compact numbers", () => {
    expect(f.number(1234.5)).toBe("1,234.5");
    expect(f.number(2 / 3, 2)).toBe("0.67");
    expect(f.compact(1234)).toBe("1.2K");
    expect(f.compact(3_456_789)).toBe("3.5M");
  });

  it("shows a dash for unknown values, never 0", () => {
    for (const format of [f.number, f.compact, f.currency, f.compactCurrency, f.percent, f.duration]) {
      expect(format(null)).toBe("—");
      expect(format(undefined)).toBe("—");
      expect(format(Number.NaN)).toBe("—");
    }
  });

  it("formats USD with cents, and small amounts with two significant digits", () => {
    expect(f.currency(1234.567)).toBe("$1,234.57");
    expect(f.currency(0)).toBe("$0.00");
    expect(f.currency(0.004231)).toBe("$0.0042");
    expect(f.compactCurrency(12_345)).toBe("$12.3K");
    expect(f.compactCurrency(12.5)).toBe("$12.50");
  });

  it("formats fractions as percentages", () => {
    expect(f.percent(0.1234)).toBe("12.3%");
    expect(f.percent(1)).toBe("100%");
    expect(f.percent(0.0004)).toBe("0.04%");
  });

  it("picks the duration unit by size", () => {
    expect(f.duration(850)).toBe("850 ms");
    expect(f.duration(1_234)).toBe("1.2 sec");
    expect(f.duration(150_000)).toBe("2.5 min");
    expect(f.duration(5_400_000)).toBe("1.5 hr");
  });

  it("formats dates and bucket labels in the time zone", () => {
    const t = "2026-11-22T23:30:00Z";
    expect(f.date(t)).toBe("Nov 22");
    expect(f.time(t)).toBe("11:30 PM");
    expect(f.bucketTick(t, 3_600_000)).toBe("11:30 PM");
    expect(f.bucketTick(t, 86_400_000)).toBe("Nov 22");
    expect(f.bucketLabel("2026-11-16T00:00:00Z", 7 * 86_400_000)).toBe("Week of Nov 16");
  });
});

describe("createFormatters (other locales and zones)", () => {
  it("follows the locale's separators and currency placement", () => {
    const de = createFormatters("de-DE", "UTC");
    expect(de.number(1234.5)).toBe("1.234,5");
    expect(de.currency(1234.5)).toBe(`1.234,50${NBSP}$`);
    expect(de.percent(0.5)).toBe(`50${NBSP}%`);
  });

  it("puts a late-evening UTC instant on the next day in Paris", () => {
    const paris = createFormatters("en-US", "Europe/Paris");
    expect(paris.date("2026-11-22T23:30:00Z")).toBe("Nov 23");
    expect(paris.time("2026-11-22T23:30:00Z")).toBe("12:30 AM");
  });

  it("reuses formatters per locale and zone", () => {
    expect(createFormatters("en-US", "UTC")).toBe(createFormatters("en-US", "UTC"));
  });
});
