import { describe, expect, it, vi } from "vitest";
import { frameStateOf } from "./frame-status.js";

const isEmpty = (rows: number[]) => rows.length === 0;

describe("frameStateOf", () => {
  it("maps the query to one of the four states", () => {
    const refetch = vi.fn();
    expect(frameStateOf({ status: "pending", data: undefined, error: null, refetch }, isEmpty).status).toBe("loading");
    expect(frameStateOf({ status: "success", data: [], error: null, refetch }, isEmpty).status).toBe("empty");
    expect(frameStateOf({ status: "success", data: [1], error: null, refetch }, isEmpty).status).toBe("data");
    const failed = frameStateOf({ status: "error", data: undefined, error: new Error("boom"), refetch }, isEmpty);
    expect(failed.status).toBe("error");
    expect((failed.error as Error).message).toBe("boom");
    failed.onRetry();
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
