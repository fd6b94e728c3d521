import { describe, expect, it } from "vitest";
import { ApiError, EventsBody, FeedbackBody, IngestResult, Rejection } from "./ingest.js";

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ index: i }));

describe.each([
  ["EventsBody", EventsBody, "events"],
  ["FeedbackBody", FeedbackBody, "feedback"],
] as const)("%s", (_name, schema, key) => {
  it("accepts 1 item and 1000 items", () => {
    expect(schema.safeParse({ [key]: items(1) }).success).toBe(true);
    expect(schema.safeParse({ [key]: items(1000) }).success).toBe(true);
  });

  it("rejects an empty batch and a batch of 1001", () => {
    for (const n of [0, 1001]) {
      const result = schema.safeParse({ [key]: items(n) });
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([[key]]);
    }
  });

  it("leaves items unvalidated so one bad item does not sink the batch", () => {
    const batch = [{ provider: "openai" }, "not even an object", null];
    expect(schema.parse({ [key]: batch })).toEqual({ [key]: batch });
  });

  it.each([[{}], [{ [key]: null }], [{ [key]: {} }], [{ [key]: "[]" }], [null], [[]]])("rejects %j", (body) => {
    const result = schema.safeParse(body);
    expect(result.success).toBe(false);
  });

  it("names the batch field when it is missing", () => {
    expect(schema.safeParse({}).error?.issues.map((issue) => issue.path)).toEqual([[key]]);
  });
});

describe("IngestResult", () => {
  it("accepts the SPEC §3 answer shape", () => {
    const answer = { accepted: 2, duplicates: 1, rejected: [{ index: 3, path: "usage.cacheReadTokens", message: "must be ≥ 0" }] };
    expect(IngestResult.parse(answer)).toEqual(answer);
  });

  it.each([
    [{ accepted: 1, duplicates: 0 }],
    [{ accepted: 1.5, duplicates: 0, rejected: [] }],
    [{ accepted: "1", duplicates: 0, rejected: [] }],
    [{ accepted: 1, duplicates: 0, rejected: [{ index: 0, path: ["usage"], message: "x" }] }],
  ])("rejects %j", (answer) => {
    expect(IngestResult.safeParse(answer).success).toBe(false);
  });

  it("requires an integer index on a rejection", () => {
    expect(Rejection.safeParse({ index: 0.5, path: "", message: "x" }).error?.issues.map((i) => i.path)).toEqual([["index"]]);
  });
});

describe("ApiError", () => {
  it("accepts {error: {code, message}} and rejects a bare message", () => {
    expect(ApiError.parse({ error: { code: "unauthorized", message: "bad key" } })).toEqual({
      error: { code: "unauthorized", message: "bad key" },
    });
    expect(ApiError.safeParse({ error: "bad key" }).error?.issues.map((i) => i.path)).toEqual([["error"]]);
  });
});
