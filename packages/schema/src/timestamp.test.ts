import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eventTimestamp, instant } from "./timestamp.js";

// Pinned now: 2024-06-15T12:00:00.000Z = 19889 days × 86 400 000 ms + 12 × 3 600 000 ms.
const NOW = 1_718_452_800_000;
const DAY = 86_400_000;
// 2000-01-01T00:00:00Z = 10957 days after the epoch.
const Y2K = 946_684_800_000;

function rejects(schema: typeof instant | typeof eventTimestamp, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success, `expected ${JSON.stringify(value)} to be rejected`).toBe(false);
  return result.error!.issues;
}

describe("instant", () => {
  it.each([
    ["2024-06-15T12:00:00Z", NOW],
    ["2024-06-15T12:00:00.000Z", NOW],
    ["2024-06-15T12:00:00.250Z", NOW + 250],
    ["2024-06-15T12:00:00.250999Z", NOW + 250], // microseconds beyond ms are dropped
    ["2024-06-15T14:00:00+02:00", NOW],
    ["2024-06-15T07:30:00-04:30", NOW],
    ["2024-06-15", NOW - 12 * 3_600_000], // a date alone is midnight UTC
    ["2024-02-29T00:00:00Z", 1_709_164_800_000], // leap day
  ])("reads ISO %s as %d", (iso, ms) => {
    expect(instant.parse(iso)).toBe(ms);
  });

  it("keeps epoch ms and truncates fractions of a ms", () => {
    expect(instant.parse(NOW)).toBe(NOW);
    expect(instant.parse(NOW + 0.9)).toBe(NOW);
    expect(instant.parse(0)).toBe(0);
  });

  it("reads a date-time without an offset as UTC, whatever the server's zone", () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = "America/New_York";
      // Sanity: the process really is in New York now, so Date.parse alone would read 12:00 as 16:00 UTC.
      expect(Date.parse("2024-06-15T12:00:00")).toBe(NOW + 4 * 3_600_000);
      expect(instant.parse("2024-06-15T12:00:00")).toBe(NOW);
      expect(instant.parse("2024-06-15T12:00")).toBe(NOW);
      expect(instant.parse("2024-06-15T12:00:00.5")).toBe(NOW + 500);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  // Date.parse alone accepts every one of these; none is ISO-8601.
  it.each([
    "1", // Date.parse: 2001-01-01
    "12", // Date.parse: 2001-12-01
    "2024", // year alone
    "1718452800000", // epoch ms as a string
    "March 7, 2024",
    "Sat, 15 Jun 2024 12:00:00 GMT",
    "2024-06-15 12:00:00Z",
    "2024-02-30",
    "2023-02-29T00:00:00Z",
    "2024-13-01",
    "2024-06-15T24:00:00Z",
    " 2024-06-15T12:00:00Z",
    "2024-06-15T12:00:00Z ",
    "",
  ])("rejects the string %j", (value) => {
    expect(rejects(instant, value)).toHaveLength(1);
  });

  it.each([
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY],
    [null],
    [undefined],
    [true],
    [{}],
    [[NOW]],
    [new Date(NOW)],
  ])("rejects %j", (value) => {
    expect(rejects(instant, value)).toHaveLength(1);
  });
});

describe("eventTimestamp", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("accepts now", () => {
    expect(eventTimestamp.parse(NOW)).toBe(NOW);
    expect(eventTimestamp.parse("2024-06-15T12:00:00.000Z")).toBe(NOW);
  });

  it("accepts exactly 24 h ahead and rejects 1 ms more", () => {
    expect(eventTimestamp.parse(NOW + DAY)).toBe(NOW + DAY);
    expect(eventTimestamp.parse("2024-06-16T12:00:00.000Z")).toBe(NOW + DAY);
    expect(rejects(eventTimestamp, NOW + DAY + 1)[0]!.message).toMatch(/24 h/);
    expect(rejects(eventTimestamp, "2024-06-16T12:00:00.001Z")[0]!.message).toMatch(/24 h/);
  });

  it("moves the future edge with the clock", () => {
    expect(rejects(eventTimestamp, NOW + DAY + 1)).toHaveLength(1);
    vi.setSystemTime(NOW + 1);
    expect(eventTimestamp.parse(NOW + DAY + 1)).toBe(NOW + DAY + 1);
  });

  it("accepts 2000-01-01T00:00:00Z and rejects 1 ms earlier", () => {
    expect(eventTimestamp.parse(Y2K)).toBe(Y2K);
    expect(eventTimestamp.parse("2000-01-01T00:00:00Z")).toBe(Y2K);
    expect(eventTimestamp.parse("2000-01-01")).toBe(Y2K);
    expect(rejects(eventTimestamp, Y2K - 1)[0]!.message).toMatch(/2000-01-01/);
    expect(rejects(eventTimestamp, "1999-12-31T23:59:59.999Z")[0]!.message).toMatch(/2000-01-01/);
    expect(rejects(eventTimestamp, "2000-01-01T00:00:00+00:01")).toHaveLength(1); // 23:59 UTC the day before
  });

  it("rejects epoch seconds sent by mistake (they land in January 1970)", () => {
    expect(rejects(eventTimestamp, NOW / 1000)).toHaveLength(1);
  });

  it("rejects 0 and negative epochs", () => {
    expect(rejects(eventTimestamp, 0)).toHaveLength(1);
    expect(rejects(eventTimestamp, -1)).toHaveLength(1);
  });

  it("leaves the wider instant unbounded", () => {
    expect(instant.parse(NOW + 365 * DAY)).toBe(NOW + 365 * DAY);
    expect(instant.parse(Y2K - 1)).toBe(Y2K - 1);
  });
});
