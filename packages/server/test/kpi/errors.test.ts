import type { Filters } from "@promptmeter/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "../../src/auth/projects.js";
import { appRouter } from "../../src/router.js";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START } from "./fixture.js";
import { div, oracleSeries, select } from "./oracle.js";

const H = 3_600_000;
const D = 86_400_000;
type Size = "minute" | "hour" | "day" | "week";

const ERROR_TYPES = [
  "rate_limit",
  "timeout",
  "server_error",
  "network",
  "auth",
  "invalid_request",
  "context_length",
  "content_filter",
  "cancelled",
  "other",
] as const;

/** The generator's messages, normalized by hand: numbers → <n>, quoted values → '…'. */
const NORMALIZED: Record<string, string> = {
  "Rate limit reached for requests": "Rate limit reached for requests",
  "429 Too Many Requests: quota exceeded": "<n> Too Many Requests: quota exceeded",
  "Request timed out after 30000 ms": "Request timed out after <n> ms",
  "upstream timeout": "upstream timeout",
  "500 Internal Server Error": "<n> Internal Server Error",
  "503 Service Unavailable: overloaded": "<n> Service Unavailable: overloaded",
  ECONNRESET: "ECONNRESET",
  "socket hang up": "socket hang up",
  "401 Invalid API key": "<n> Invalid API key",
  "400 Invalid 'messages': tool call id not found": "<n> Invalid '…': tool call id not found",
  "400 Unsupported parameter: 'temperature'": "<n> Unsupported parameter: '…'",
  "This model's maximum context length is 128000 tokens": "This model's maximum context length is <n> tokens",
  "The response was filtered due to the prompt triggering content management policy":
    "The response was filtered due to the prompt triggering content management policy",
  "Client closed request": "Client closed request",
  "Unexpected response shape": "Unexpected response shape",
  boom: "boom",
};

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const totals = (sel: OracleEvent[]) => {
  const errors = sel.filter((e) => e.status === "error").length;
  return { requests: sel.length, errors, errorRate: div(errors, sel.length) };
};

function expected(events: OracleEvent[], from: number, to: number, f: Filters, size: Size, tz: string) {
  const sel = select(events, from, to, f);
  const failed = sel.filter((e) => e.status === "error");
  const series = oracleSeries(sel, from, to, size, tz).map((b) => {
    const types = Object.fromEntries(ERROR_TYPES.map((t) => [t, 0])) as Record<string, number>;
    for (const e of b.events) if (e.status === "error") types[e.errorType!]! += 1;
    return { t: new Date(b.start).toISOString(), ...totals(b.events), types };
  });
  const typeCounts = new Map<string, number>();
  for (const e of failed) typeCounts.set(e.errorType!, (typeCounts.get(e.errorType!) ?? 0) + 1);
  const byType = [...typeCounts]
    .map(([errorType, count]) => ({ errorType, count }))
    .sort((a, b) => b.count - a.count || byStr(a.errorType, b.errorType));

  const models = new Map<string, OracleEvent[]>();
  for (const e of sel) models.set(`${e.provider}|${e.model}`, [...(models.get(`${e.provider}|${e.model}`) ?? []), e]);
  const byModel = [...models.values()]
    .map((list) => ({ provider: list[0]!.provider, model: list[0]!.model, ...totals(list) }))
    .sort((a, b) => b.errors - a.errors || b.requests - a.requests || byStr(a.provider, b.provider) || byStr(a.model, b.model));

  const releases = new Map<string | null, OracleEvent[]>();
  for (const e of sel) releases.set(e.release, [...(releases.get(e.release) ?? []), e]);
  const byRelease = [...releases]
    .map(([release, list]) => ({ release, ...totals(list), first: Math.min(...list.map((e) => e.ts)) }))
    .sort((a, b) => a.first - b.first)
    .map(({ first, ...r }) => ({ ...r, firstSeen: new Date(first).toISOString() }));

  const groups = new Map<string, { message: string | null; errorType: string; count: number; last: number; example: string | null }>();
  for (const e of failed) {
    const message = e.errorMessage === null ? null : NORMALIZED[e.errorMessage];
    if (message === undefined) throw new Error(`no hand-normalized form for ${e.errorMessage}`);
    const key = `${e.errorType}|${message}`;
    const g = groups.get(key) ?? { message, errorType: e.errorType!, count: 0, last: -1, example: null };
    g.count += 1;
    if (e.ts >= g.last) {
      g.last = e.ts;
      g.example = e.errorMessage;
    }
    groups.set(key, g);
  }
  const topMessages = [...groups.values()]
    .sort((a, b) => b.count - a.count || b.last - a.last || byStr(a.errorType, b.errorType) || byStr(a.message ?? "", b.message ?? ""))
    .slice(0, 10)
    .map(({ last, ...g }) => ({ ...g, lastSeen: new Date(last).toISOString() }));
  return { ...totals(sel), series, byType, byModel, byRelease, topMessages };
}

type Errors = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["errors"]>>;

function closeRates<T extends { errorRate: number | null }>(actual: T[], exp: T[]) {
  expect(actual.map((r) => ({ ...r, errorRate: null }))).toEqual(exp.map((r) => ({ ...r, errorRate: null })));
  actual.forEach((r, i) => {
    const e = exp[i]!.errorRate;
    if (e === null) expect(r.errorRate).toBeNull();
    else expect(r.errorRate).toBeCloseTo(e, 12);
  });
}

function expectMatches(actual: Errors, exp: ReturnType<typeof expected>) {
  expect(actual.requests).toBe(exp.requests);
  expect(actual.errors).toBe(exp.errors);
  closeRates(
    [{ requests: actual.requests, errors: actual.errors, errorRate: actual.errorRate }],
    [{ requests: exp.requests, errors: exp.errors, errorRate: exp.errorRate }],
  );
  closeRates(actual.series, exp.series);
  expect(actual.byType).toEqual(exp.byType);
  closeRates(actual.byModel, exp.byModel);
  closeRates(actual.byRelease, exp.byRelease);
  expect(actual.topMessages).toEqual(exp.topMessages);
}

const RANGES: { name: string; from: number; to: number; bucket: Size }[] = [
  { name: "whole 30 days by day", from: START, to: END, bucket: "day" },
  { name: "3 days by hour, unaligned edges", from: END - 3 * D - 17 * 60_000, to: END - 5 * H + 41 * 60_000, bucket: "hour" },
  { name: "90 minutes by minute", from: END - 26 * H, to: END - 24.5 * H, bucket: "minute" },
  { name: "the bad release's weeks by week", from: START + 10 * D, to: START + 24 * D, bucket: "week" },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.errors on ${dialect}`, () => {
    let fx: KpiFixture;
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.errors({ range: { from: range.from, to: range.to }, bucket: range.bucket, filters });
          expectMatches(actual, expected(fx.events, range.from, range.to, filters, range.bucket, "UTC"));
          expect(actual.previous).toBeNull();
        });
      }
    }

    for (const [timezone, from, to] of [
      ["America/New_York", Date.UTC(2026, 2, 6, 12), Date.UTC(2026, 2, 11, 3)],
      ["Europe/Paris", Date.UTC(2026, 2, 27, 7, 30), Date.UTC(2026, 3, 1, 0)],
      ["Asia/Kolkata", Date.UTC(2026, 2, 27, 7, 30), Date.UTC(2026, 3, 1, 0)],
    ] as const) {
      it(`day buckets in ${timezone} across its DST change (23-hour day)`, async () => {
        const actual = await fx.caller.kpi.errors({ range: { from, to }, bucket: "day", timezone });
        const exp = expected(fx.events, from, to, {}, "day", timezone);
        expectMatches(actual, exp);
        if (timezone !== "Asia/Kolkata") {
          const lengths = actual.series.slice(1).map((p, i) => (Date.parse(p.t) - Date.parse(actual.series[i]!.t)) / H);
          expect(lengths).toContain(23);
        }
      });
    }

    it("the bad release 1.5.0 stands out in byRelease and its invalid requests dominate byType", async () => {
      const actual = await fx.caller.kpi.errors({ range: { from: START, to: END }, filters: { feature: "code-assistant" } });
      const rate = (r: string) => actual.byRelease.find((x) => x.release === r)!.errorRate!;
      expect(rate("1.5.0")).toBeGreaterThan(3 * rate("1.4.0"));
      expect(rate("1.5.0")).toBeGreaterThan(3 * rate("1.5.1"));
      expect(actual.byRelease.map((r) => r.release)).toEqual(["1.4.0", "1.5.0", "1.5.1"]);
      const broken = await fx.caller.kpi.errors({
        range: { from: START, to: END },
        filters: { feature: "code-assistant", release: "1.5.0" },
      });
      const count = (t: string) => broken.byType.find((x) => x.errorType === t)?.count ?? 0;
      expect(count("invalid_request") + count("context_length")).toBeGreaterThan(broken.errors / 2);
    });

    it("compare returns the previous period's totals", async () => {
      const from = END - 7 * D;
      const actual = await fx.caller.kpi.errors({ range: { from, to: END }, compare: true });
      const prev = totals(select(fx.events, from - 7 * D, from, {}));
      expect(actual.previous!.requests).toBe(prev.requests);
      expect(actual.previous!.errors).toBe(prev.errors);
      expect(actual.previous!.errorRate).toBeCloseTo(prev.errorRate!, 12);
    });

    it("an empty range: zero counts, null rates, every bucket present", async () => {
      const from = START - 10 * H;
      const actual = await fx.caller.kpi.errors({ range: { from, to: START - 5 * H }, bucket: "hour" });
      expect(actual).toMatchObject({ requests: 0, errors: 0, errorRate: null, byType: [], byModel: [], byRelease: [], topMessages: [] });
      // 00:17 to 05:17: six hours touched.
      expect(actual.series).toHaveLength(6);
      expect(actual.series.every((p) => p.requests === 0 && p.errorRate === null && p.types.timeout === 0)).toBe(true);
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.errors({ range: { from: START, to: END }, bucket: "day" });
      expectMatches(actual, expected(fx.singleEvents, START, END, {}, "day", "UTC"));
    });

    it("a project where every request failed", async () => {
      const actual = await fx.callers.errorsOnly.kpi.errors({ range: { from: START, to: END }, bucket: "day" });
      expectMatches(actual, expected(fx.errorEvents, START, END, {}, "day", "UTC"));
      expect(actual.errorRate).toBe(1);
      // Five failures, one message: grouped per error type, then the most recent first.
      expect(actual.topMessages).toEqual([
        { message: "boom", errorType: "timeout", count: 2, lastSeen: new Date(END - H).toISOString(), example: "boom" },
        { message: "boom", errorType: "server_error", count: 1, lastSeen: new Date(END - 2 * H).toISOString(), example: "boom" },
        { message: "boom", errorType: "rate_limit", count: 1, lastSeen: new Date(END - 3 * H).toISOString(), example: "boom" },
        { message: "boom", errorType: "auth", count: 1, lastSeen: new Date(END - 5 * H).toISOString(), example: "boom" },
      ]);
    });

    it("messages differing only in numbers, ids or quoted values group together", async () => {
      const project = await ensureProject(fx.pm.store, "error-messages");
      const t0 = Date.UTC(2026, 0, 10, 12);
      const messages: [string, string | undefined][] = [
        ["timeout", "Request timed out after 30000 ms"],
        ["timeout", "Request timed out after  60000 ms\n"],
        ["server_error", "Request req_8f3a2b1c failed"],
        ["server_error", "Request req_77aa0912 failed"],
        ["invalid_request", "Trace 3f2a5b1c-9d4e-4f6a-8b7c-1d2e3f4a5b6c not found"],
        ["invalid_request", "Trace 0b1c2d3e-4f5a-4b6c-9d8e-7f6a5b4c3d2e not found"],
        ["invalid_request", `Deployment "gpt-4o-prod" not found`],
        ["invalid_request", `Deployment "gpt-4o-eu" not found`],
        ["invalid_request", "Invalid value for 'model': 'gpt-5-turbo'"],
        ["other", "Don't retry: the model's context is full"],
        ["timeout", undefined],
        ["timeout", undefined],
        // The same text under another type is another group.
        ["network", "Request timed out after 5 ms"],
      ];
      await fx.pm.ingest.events(
        project.id,
        messages.map(([errorType, errorMessage], i) => ({
          id: `m-${i}`,
          timestamp: t0 + i * 1000,
          provider: "openai",
          model: "gpt-4o",
          status: "error" as const,
          errorType: errorType as "timeout",
          ...(errorMessage === undefined ? {} : { errorMessage }),
          latencyMs: 100,
        })),
      );
      const caller = appRouter.createCaller(fx.pm.createContext({ projectId: project.id, canRead: true, canIngest: false }));
      const actual = await caller.kpi.errors({ range: { from: t0, to: t0 + H } });
      const at = (i: number) => new Date(t0 + i * 1000).toISOString();
      expect(actual.topMessages).toEqual([
        { message: null, errorType: "timeout", count: 2, lastSeen: at(11), example: null },
        {
          message: 'Deployment "…" not found',
          errorType: "invalid_request",
          count: 2,
          lastSeen: at(7),
          example: `Deployment "gpt-4o-eu" not found`,
        },
        { message: "Trace <id> not found", errorType: "invalid_request", count: 2, lastSeen: at(5), example: messages[5]![1] },
        { message: "Request <id> failed", errorType: "server_error", count: 2, lastSeen: at(3), example: "Request req_77aa0912 failed" },
        {
          message: "Request timed out after <n> ms",
          errorType: "timeout",
          count: 2,
          lastSeen: at(1),
          example: "Request timed out after  60000 ms\n",
        },
        {
          message: "Request timed out after <n> ms",
          errorType: "network",
          count: 1,
          lastSeen: at(12),
          example: "Request timed out after 5 ms",
        },
        { message: "Don't retry: the model's context is full", errorType: "other", count: 1, lastSeen: at(9), example: messages[9]![1] },
        { message: "Invalid value for '…': '…'", errorType: "invalid_request", count: 1, lastSeen: at(8), example: messages[8]![1] },
      ]);
    });
  });
}
