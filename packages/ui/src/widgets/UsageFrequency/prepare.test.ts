import { describe, expect, it } from "vitest";
import { createFormatters } from "../../primitives/format.js";
import { isUsageFrequencyEmpty, prepareUsageFrequency, type UsageFrequencyData } from "./prepare.js";

const f = createFormatters("en-US", "UTC");
const byActiveDays = [
  { bucket: "1", users: 5 },
  { bucket: "2-3", users: 10 },
  { bucket: "4-7", users: 4 },
  { bucket: "8-14", users: 1 },
  { bucket: "15+", users: 0 },
] as UsageFrequencyData["byActiveDays"];
const figures = { activeUsers: 20, userDays: 50, requests: 425, requestsPerUserDay: 8.5, byActiveDays };

describe("prepareUsageFrequency", () => {
  it("lists every bucket of active days with its share of active users", () => {
    const view = prepareUsageFrequency({ ...figures, previous: null }, f);
    expect(view.bars).toEqual([
      { key: "1", label: "1 day", value: 5, detail: "25%" },
      { key: "2-3", label: "2–3 days", value: 10, detail: "50%" },
      { key: "4-7", label: "4–7 days", value: 4, detail: "20%" },
      { key: "8-14", label: "8–14 days", value: 1, detail: "5%" },
      { key: "15+", label: "15+ days", value: 0, detail: "0%" },
    ]);
    expect(view).toMatchObject({ activeUsers: 20, requestsPerUserDay: 8.5, userDays: 50, previousActiveUsers: undefined });
  });

  it("compares with a previous period that had users, and says so when it had none", () => {
    const previous = { ...figures, activeUsers: 16, requestsPerUserDay: 10 };
    expect(prepareUsageFrequency({ ...figures, previous }, f)).toMatchObject({
      previousActiveUsers: 16,
      previousRequestsPerUserDay: 10,
      noPrevious: false,
    });
    const none = { ...figures, activeUsers: 0, userDays: 0, requests: 0, requestsPerUserDay: null };
    expect(prepareUsageFrequency({ ...figures, previous: none }, f)).toMatchObject({ previousActiveUsers: undefined, noPrevious: true });
  });

  it("is empty without active users", () => {
    expect(isUsageFrequencyEmpty({ ...figures, previous: null })).toBe(false);
    expect(isUsageFrequencyEmpty({ ...figures, activeUsers: 0, previous: null })).toBe(true);
  });
});
