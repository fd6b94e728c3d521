import { describe, expect, it } from "vitest";
import { isActiveUsersEmpty, prepareActiveUsers } from "./prepare.js";

const figures = { uniqueUsers: 12, dau: 4.5, wau: 9, mau: 15, stickiness: 0.3, newUsers: 5, returningUsers: 7 };
const data = {
  ...figures,
  series: [
    { t: "2026-11-20T00:00:00.000Z", activeUsers: 4 },
    { t: "2026-11-21T00:00:00.000Z", activeUsers: 5 },
  ],
  previous: null,
};

describe("prepareActiveUsers", () => {
  it("keeps the figures, splits new vs returning, and names the daily bucket", () => {
    const view = prepareActiveUsers(data);
    expect(view.current).toEqual(figures);
    expect(view.previous).toBeNull();
    expect(view.split.map((s) => [s.key, s.value])).toEqual([
      ["new", 5],
      ["returning", 7],
    ]);
    expect(view.stepMs).toBe(86_400_000);
    expect(view.bucketName).toBe("day");
    expect(view.series).toEqual(data.series);
  });

  it("is empty when nobody was active", () => {
    expect(isActiveUsersEmpty({ ...data, uniqueUsers: 0 })).toBe(true);
    expect(isActiveUsersEmpty(data)).toBe(false);
  });
});
