import { describe, expect, it } from "vitest";
import type { ErrorsData } from "../ErrorTypes/prepare.js";
import { isErrorTrendEmpty, prepareErrorTrend, REST_KEY } from "./prepare.js";

const none = {
  rate_limit: 0,
  timeout: 0,
  server_error: 0,
  network: 0,
  auth: 0,
  invalid_request: 0,
  context_length: 0,
  content_filter: 0,
  cancelled: 0,
  other: 0,
};
// Over the range: rate_limit 9, timeout 6, network 3, auth 1.
const data = {
  requests: 300,
  errors: 19,
  errorRate: 19 / 300,
  series: [
    {
      t: "2026-11-21T00:00:00.000Z",
      requests: 200,
      errors: 12,
      errorRate: 0.06,
      types: { ...none, rate_limit: 6, timeout: 4, network: 2 },
    },
    {
      t: "2026-11-22T00:00:00.000Z",
      requests: 100,
      errors: 7,
      errorRate: 0.07,
      types: { ...none, rate_limit: 3, timeout: 2, network: 1, auth: 1 },
    },
    { t: "2026-11-23T00:00:00.000Z", requests: 0, errors: 0, errorRate: null, types: none },
  ],
  byType: [
    { errorType: "rate_limit", count: 9 },
    { errorType: "timeout", count: 6 },
    { errorType: "network", count: 3 },
    { errorType: "auth", count: 1 },
    { errorType: "server_error", count: 0 },
  ],
  byModel: [],
  topMessages: [],
  byRelease: [],
  previous: { requests: 250, errors: 10, errorRate: 0.04 },
} as ErrorsData;

describe("prepareErrorTrend", () => {
  it("gives the most frequent types a colour each and sums the rest into one grey layer", () => {
    const view = prepareErrorTrend(data, 2);
    expect(view.typeSeries).toEqual([
      { key: "rate_limit", label: "Rate limit", color: "var(--pm-chart-1)" },
      { key: "timeout", label: "Timeout", color: "var(--pm-chart-2)" },
      { key: REST_KEY, label: "Other types", color: "var(--pm-muted-foreground)" },
    ]);
    expect(view.typePoints).toEqual([
      { t: "2026-11-21T00:00:00.000Z", rate_limit: 6, timeout: 4, [REST_KEY]: 2 },
      { t: "2026-11-22T00:00:00.000Z", rate_limit: 3, timeout: 2, [REST_KEY]: 2 },
      { t: "2026-11-23T00:00:00.000Z", rate_limit: 0, timeout: 0, [REST_KEY]: 0 },
    ]);
  });

  it("names a single leftover type rather than folding it into 'other types'", () => {
    const view = prepareErrorTrend(data, 3);
    expect(view.typeSeries.map((s) => s.key)).toEqual(["rate_limit", "timeout", "network", "auth"]);
    expect(view.typePoints[1]).toEqual({ t: "2026-11-22T00:00:00.000Z", rate_limit: 3, timeout: 2, network: 1, auth: 1 });
  });

  it("keeps the error rate per bucket, a bucket without requests as a gap", () => {
    expect(prepareErrorTrend(data).rateSeries).toEqual([
      { t: "2026-11-21T00:00:00.000Z", errorRate: 0.06 },
      { t: "2026-11-22T00:00:00.000Z", errorRate: 0.07 },
      { t: "2026-11-23T00:00:00.000Z", errorRate: null },
    ]);
  });

  it("compares with the previous period's error rate, and says when it had no requests", () => {
    expect(prepareErrorTrend(data)).toMatchObject({ errorRate: 19 / 300, previousErrorRate: 0.04, noPrevious: false, errors: 19 });
    expect(prepareErrorTrend({ ...data, previous: { requests: 0, errors: 0, errorRate: null } })).toMatchObject({
      previousErrorRate: undefined,
      noPrevious: true,
    });
    expect(prepareErrorTrend({ ...data, previous: null })).toMatchObject({ previousErrorRate: undefined, noPrevious: false });
  });

  it("is empty without requests, not without failures", () => {
    expect(isErrorTrendEmpty({ ...data, errors: 0 })).toBe(false);
    expect(isErrorTrendEmpty({ ...data, requests: 0 })).toBe(true);
  });
});
