import { describe, expect, it } from "vitest";
import { buildRollupDeltas, type EventRow } from "./deltas.js";

const H = 3_600_000;
const T = Date.parse("2026-11-20T10:00:00.000Z");

function row(overrides: Partial<EventRow>): EventRow {
  return {
    project_id: "p",
    id: "e",
    ts: T,
    provider: "openai",
    model: "gpt-4o",
    response_model: null,
    status: "success",
    error_type: null,
    error_message: null,
    http_status: null,
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    cost_usd: 0,
    cost_source: "computed",
    latency_ms: 100,
    ttft_ms: null,
    streamed: 0,
    retries: 0,
    fallback: 0,
    fallback_from: null,
    cache_hit: 0,
    user_id: null,
    session_id: null,
    trace_id: null,
    feature: null,
    environment: "production",
    release: null,
    tags: null,
    metadata: null,
    has_payload: 0,
    ...overrides,
  };
}

describe("buildRollupDeltas", () => {
  it("folds events into hourly, minute and user-day rows (worked by hand)", () => {
    const deltas = buildRollupDeltas([
      row({
        id: "1",
        ts: T + 5_000,
        user_id: "u",
        input_tokens: 10,
        output_tokens: 5,
        cost_usd: 0.5,
        retries: 2,
        ttft_ms: 40,
        streamed: 1,
      }),
      row({
        id: "2",
        ts: T + 70_000,
        user_id: "u",
        input_tokens: 20,
        output_tokens: 1,
        cost_usd: null,
        cost_source: "unpriced",
        fallback: 1,
      }),
      row({ id: "3", ts: T + 65_000, status: "error", error_type: "timeout", latency_ms: 30_000, retries: 1, user_id: "u" }),
      row({ id: "4", ts: T + 66_000, status: "error", error_type: "invalid_request", user_id: "v", feature: "chat", release: "1.0" }),
      row({ id: "5", ts: T + H, cache_hit: 1, cost_usd: 0 }),
    ]);

    const success = deltas.hourly.find((h) => h.hour === T && h.status === "success")!;
    expect(success).toMatchObject({
      error_type: "",
      feature: "",
      release: "",
      requests: 2,
      cost_usd: 0.5,
      priced_requests: 1,
      unpriced_requests: 1,
      input_tokens: 30,
      output_tokens: 6,
      latency_sum: 200,
      ttft_sum: 40,
      ttft_count: 1,
      streamed: 1,
      retried: 1,
      retries_sum: 2,
      fallbacks: 1,
      rescued: 2,
      cache_hits: 0,
    });
    // Failed retries are retried but not rescued.
    expect(deltas.hourly.find((h) => h.error_type === "timeout")).toMatchObject({
      requests: 1,
      retried: 1,
      rescued: 0,
      latency_sum: 30_000,
    });
    expect(deltas.hourly.find((h) => h.error_type === "invalid_request")).toMatchObject({ feature: "chat", release: "1.0" });
    expect(deltas.hourly.find((h) => h.hour === T + H)).toMatchObject({ requests: 1, cache_hits: 1 });
    expect(deltas.hourly).toHaveLength(4);

    expect(deltas.minute.map((m) => [m.minute - T, m.requests, m.errors, m.outage_errors])).toEqual([
      [0, 1, 0, 0],
      [60_000, 3, 2, 1],
      [H, 1, 0, 0],
    ]);

    const day = Date.parse("2026-11-20T00:00:00.000Z");
    expect(deltas.userDaily).toEqual([
      {
        project_id: "p",
        day,
        user_id: "u",
        requests: 3,
        errors: 1,
        cost_usd: 0.5,
        unpriced_requests: 1,
        tokens: 36,
        first_ts: T + 5_000,
        last_ts: T + 70_000,
      },
      {
        project_id: "p",
        day,
        user_id: "v",
        requests: 1,
        errors: 1,
        cost_usd: 0,
        unpriced_requests: 0,
        tokens: 0,
        first_ts: T + 66_000,
        last_ts: T + 66_000,
      },
    ]);
  });

  it("histograms count every request once, and ttft only where there is one", () => {
    const [h] = buildRollupDeltas([row({ id: "a", latency_ms: 100, ttft_ms: 50 }), row({ id: "b", latency_ms: 100 })]).hourly;
    const latency = JSON.parse(h!.latency_hist) as Record<string, number>;
    const ttft = JSON.parse(h!.ttft_hist) as Record<string, number>;
    // 100 ms lies in bucket 1 + floor(ln 100 / ln 1.03) = 156; 50 ms in 133.
    expect(latency).toEqual({ "156": 2 });
    expect(ttft).toEqual({ "133": 1 });
  });
});
