import { describe, expect, it } from "vitest";
import { bucketName } from "./bucket-name.js";

describe("bucketName", () => {
  it("names minute, hour, day and week buckets, DST days included", () => {
    expect(bucketName(60_000)).toBe("minute");
    expect(bucketName(3_600_000)).toBe("hour");
    expect(bucketName(86_400_000)).toBe("day");
    expect(bucketName(23 * 3_600_000)).toBe("day");
    expect(bucketName(25 * 3_600_000)).toBe("day");
    expect(bucketName(7 * 86_400_000 - 3_600_000)).toBe("week");
  });
});
