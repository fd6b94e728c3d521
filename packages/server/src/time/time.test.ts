import { describe, expect, it } from "vitest";
import { bucketStart, bucketStarts, chooseBucket, gapFill } from "./buckets.js";
import { resolveRange } from "./resolve-range.js";
import { localParts, zonedToUtc } from "./zoned.js";

const H = 3_600_000;

describe("time zones", () => {
  it("a New York day across the March 2026 change is 23 hours, the November one 25", () => {
    // DST starts 2026-03-08 02:00 local (07:00Z) and ends 2026-11-01 02:00 local (06:00Z).
    const march = bucketStarts(Date.parse("2026-03-08T05:00:00Z"), Date.parse("2026-03-09T05:00:00Z"), "day", "America/New_York");
    expect(march.map((t) => new Date(t).toISOString())).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    expect(march[1]! - march[0]!).toBe(23 * H);
    const nov = bucketStarts(Date.parse("2026-11-01T04:00:00Z"), Date.parse("2026-11-02T05:00:01Z"), "day", "America/New_York");
    expect(nov[1]! - nov[0]!).toBe(25 * H);
  });

  it("local hours in a :30 zone start at half past UTC hours", () => {
    expect(new Date(bucketStart(Date.parse("2026-06-01T10:10:00Z"), "hour", "Asia/Kolkata")).toISOString()).toBe(
      "2026-06-01T09:30:00.000Z",
    );
  });

  it("weeks start on local Monday midnight", () => {
    // 2026-11-27 is a Friday; Paris is UTC+1 in November.
    expect(new Date(bucketStart(Date.parse("2026-11-27T12:00:00Z"), "week", "Europe/Paris")).toISOString()).toBe(
      "2026-11-22T23:00:00.000Z",
    );
  });

  it("wall-clock fields and their inverse agree", () => {
    const ts = Date.parse("2026-07-04T23:30:00Z");
    expect(localParts(ts, "America/Los_Angeles")).toEqual({ year: 2026, month: 7, day: 4, hour: 16, minute: 30, weekday: 5 });
    expect(zonedToUtc(2026, 7, 4, 16, 30, "America/Los_Angeles")).toBe(ts);
  });
});

describe("buckets", () => {
  it("auto picks minute up to 2 h, hour up to 3 d, else day", () => {
    expect(chooseBucket("auto", 0, 2 * H)).toBe("minute");
    expect(chooseBucket("auto", 0, 2 * H + 1)).toBe("hour");
    expect(chooseBucket("auto", 0, 72 * H)).toBe("hour");
    expect(chooseBucket("auto", 0, 72 * H + 1)).toBe("day");
  });

  it("gap-fills every bucket with zeros where there is no data", () => {
    const from = Date.parse("2026-01-01T00:00:00Z");
    const series = gapFill(from, from + 3 * H, "hour", "UTC", new Map([[from + H, { n: 5 }]]), () => ({ n: 0 }));
    expect(series).toEqual([
      { t: "2026-01-01T00:00:00.000Z", n: 0 },
      { t: "2026-01-01T01:00:00.000Z", n: 5 },
      { t: "2026-01-01T02:00:00.000Z", n: 0 },
    ]);
  });

  it("resolves last ranges against now", () => {
    expect(resolveRange({ last: "24h" }, 100 * H)).toEqual({ from: 76 * H, to: 100 * H });
  });
});
