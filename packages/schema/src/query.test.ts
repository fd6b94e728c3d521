import { describe, expect, it } from "vitest";
import { Filters, KpiQuery, LAST_RANGES } from "./query.js";

/** Parses and fails the test with the issues if the input is rejected. */
function accept(input: unknown) {
  const result = KpiQuery.safeParse(input);
  expect(result.error?.issues).toBeUndefined();
  return result.data!;
}

/** Paths of every issue of a rejected input. */
function rejectionPaths(input: unknown): PropertyKey[][] {
  const result = KpiQuery.safeParse(input);
  expect(result.success, "expected the input to be rejected").toBe(false);
  return result.error!.issues.map((issue) => issue.path);
}

describe("KpiQuery defaults", () => {
  it("fills every SPEC §4 default from an empty input", () => {
    expect(accept({})).toEqual({ range: { last: "7d" }, timezone: "UTC", bucket: "auto", filters: {}, compare: false });
  });

  it("keeps given values instead of the defaults", () => {
    expect(
      accept({ range: { last: "24h" }, timezone: "Europe/Paris", bucket: "hour", filters: { model: "gpt-4o" }, compare: true }),
    ).toEqual({
      range: { last: "24h" },
      timezone: "Europe/Paris",
      bucket: "hour",
      filters: { model: "gpt-4o" },
      compare: true,
    });
  });

  it.each([[null], ["7d"], [[]]])("rejects a non-object query: %j", (input) => {
    expect(rejectionPaths(input)).toEqual([[]]);
  });
});

describe("KpiQuery range", () => {
  it("offers exactly the SPEC's relative ranges", () => {
    expect(LAST_RANGES).toEqual(["15m", "1h", "24h", "7d", "30d", "90d"]);
  });

  it.each(["15m", "1h", "24h", "7d", "30d", "90d"])("accepts last %s", (last) => {
    expect(accept({ range: { last } }).range).toEqual({ last });
  });

  it.each(["2h", "1d", "7D", "", "1y", null, 7])("rejects last %j", (last) => {
    expect(rejectionPaths({ range: { last } })).toEqual([["range"]]);
  });

  it("accepts ISO strings and normalizes them to epoch ms", () => {
    expect(accept({ range: { from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00.000Z" } }).range).toEqual({
      from: 1_704_067_200_000,
      to: 1_704_153_600_000,
    });
  });

  it("accepts epoch ms and a mix of both", () => {
    expect(accept({ range: { from: 1_704_067_200_000, to: 1_704_153_600_000 } }).range).toEqual({
      from: 1_704_067_200_000,
      to: 1_704_153_600_000,
    });
    expect(accept({ range: { from: "2024-01-01", to: 1_704_067_200_001 } }).range).toEqual({
      from: 1_704_067_200_000,
      to: 1_704_067_200_001,
    });
  });

  it("reads an ISO offset: 02:00+02:00 is midnight UTC", () => {
    expect(accept({ range: { from: "2024-01-01T02:00:00+02:00", to: "2024-01-01T01:00:00Z" } }).range).toEqual({
      from: 1_704_067_200_000,
      to: 1_704_070_800_000,
    });
  });

  it("accepts from 1 ms before to", () => {
    expect(accept({ range: { from: 999, to: 1000 } }).range).toEqual({ from: 999, to: 1000 });
  });

  it("rejects from equal to to, and from after to, on range.from", () => {
    expect(rejectionPaths({ range: { from: 1000, to: 1000 } })).toEqual([["range", "from"]]);
    expect(rejectionPaths({ range: { from: 1001, to: 1000 } })).toEqual([["range", "from"]]);
    expect(rejectionPaths({ range: { from: "2024-01-02T00:00:00Z", to: "2024-01-01T00:00:00Z" } })).toEqual([["range", "from"]]);
  });

  it.each([
    [{ from: 1 }],
    [{ to: 2 }],
    [{ from: "1704067200000", to: 1_704_153_600_000 }],
    [{ from: Number.NaN, to: 2 }],
    [{ from: 1, to: Number.POSITIVE_INFINITY }],
    [{ from: null, to: 2 }],
    [{ from: "yesterday", to: "today" }],
    [{ from: "2024-02-30", to: "2024-03-02" }],
    [{}],
    [null],
    ["7d"],
  ])("rejects range %j", (range) => {
    expect(rejectionPaths({ range })).toEqual([["range"]]);
  });
});

describe("KpiQuery timezone", () => {
  it.each(["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"])("accepts %s", (timezone) => {
    expect(accept({ timezone }).timezone).toBe(timezone);
  });

  it.each(["Mars/Olympus_Mons", "Europe/Pariss", "", "Paris", "GMT+25", null, 0])("rejects %j", (timezone) => {
    expect(rejectionPaths({ timezone })).toEqual([["timezone"]]);
  });
});

describe("KpiQuery bucket and compare", () => {
  it.each(["minute", "hour", "day", "week", "auto"])("accepts bucket %s", (bucket) => {
    expect(accept({ bucket }).bucket).toBe(bucket);
  });

  it.each(["month", "Day", "", null])("rejects bucket %j", (bucket) => {
    expect(rejectionPaths({ bucket })).toEqual([["bucket"]]);
  });

  it.each(["true", 1, null])("rejects compare %j", (compare) => {
    expect(rejectionPaths({ compare })).toEqual([["compare"]]);
  });
});

describe("Filters", () => {
  it("accepts every SPEC filter", () => {
    const filters = {
      model: "gpt-4o",
      provider: "openai",
      userId: "u_1",
      environment: "production",
      feature: "search",
      release: "1.4.0",
      tags: ["beta", "eu"],
      status: "error",
    } as const;
    expect(Filters.parse(filters)).toEqual(filters);
    expect(accept({ filters }).filters).toEqual(filters);
  });

  it.each(["model", "provider", "userId", "environment", "feature", "release"])("%s: rejects empty, null and 257 characters", (key) => {
    expect(accept({ filters: { [key]: "x".repeat(256) } }).filters).toEqual({ [key]: "x".repeat(256) });
    expect(rejectionPaths({ filters: { [key]: "" } })).toEqual([["filters", key]]);
    expect(rejectionPaths({ filters: { [key]: null } })).toEqual([["filters", key]]);
    expect(rejectionPaths({ filters: { [key]: "x".repeat(257) } })).toEqual([["filters", key]]);
  });

  it("accepts 32 tags of 64 characters and rejects a 33rd or a 65-character tag", () => {
    const tags = Array.from({ length: 32 }, () => "t".repeat(64));
    expect(accept({ filters: { tags } }).filters.tags).toEqual(tags);
    expect(rejectionPaths({ filters: { tags: [...tags, "x"] } })).toEqual([["filters", "tags"]]);
    expect(rejectionPaths({ filters: { tags: ["ok", "t".repeat(65)] } })).toEqual([["filters", "tags", 1]]);
  });

  it.each(["ok", "SUCCESS", null])("rejects status %j", (status) => {
    expect(rejectionPaths({ filters: { status } })).toEqual([["filters", "status"]]);
  });
});
