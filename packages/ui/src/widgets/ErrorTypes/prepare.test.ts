import { describe, expect, it } from "vitest";
import { createFormatters } from "../../primitives/format.js";
import { type ErrorsData, errorTypesEmptyMessage, isErrorTypesEmpty, prepareErrorTypes } from "./prepare.js";

const f = createFormatters("en-US", "UTC");
const data = {
  requests: 1000,
  errors: 40,
  errorRate: 0.04,
  series: [],
  byType: [
    { errorType: "timeout", count: 10 },
    { errorType: "rate_limit", count: 30 },
    { errorType: "auth", count: 0 },
  ],
  byModel: [],
  topMessages: [
    {
      message: "Request timed out after <n> ms",
      errorType: "timeout",
      count: 10,
      lastSeen: "2026-11-22T10:00:00.000Z",
      example: "Request timed out after 30000 ms",
    },
    { message: null, errorType: "rate_limit", count: 30, lastSeen: "2026-11-22T11:00:00.000Z", example: null },
  ],
  byRelease: [],
  previous: null,
} as ErrorsData;

describe("prepareErrorTypes", () => {
  it("ranks the types that occurred with their share of failures", () => {
    expect(prepareErrorTypes(data, f).bars).toEqual([
      { key: "rate_limit", label: "Rate limit", value: 30, detail: "75%" },
      { key: "timeout", label: "Timeout", value: 10, detail: "25%" },
    ]);
  });

  it("lists message groups most frequent first, naming failures without a message", () => {
    expect(prepareErrorTypes(data, f).messages).toEqual([
      {
        key: "rate_limit:",
        message: "(no message)",
        example: null,
        errorType: "rate_limit",
        typeLabel: "Rate limit",
        count: 30,
        lastSeen: "2026-11-22T11:00:00.000Z",
      },
      {
        key: "timeout:Request timed out after <n> ms",
        message: "Request timed out after <n> ms",
        example: "Request timed out after 30000 ms",
        errorType: "timeout",
        typeLabel: "Timeout",
        count: 10,
        lastSeen: "2026-11-22T10:00:00.000Z",
      },
    ]);
  });

  it("is empty without failures, and says whether there was traffic", () => {
    expect(isErrorTypesEmpty(data)).toBe(false);
    expect(isErrorTypesEmpty({ ...data, errors: 0 })).toBe(true);
    expect(errorTypesEmptyMessage({ ...data, errors: 0 })).toBe("No failed requests in this range");
    expect(errorTypesEmptyMessage({ ...data, requests: 0, errors: 0 })).toBe("No requests in this range");
  });
});
