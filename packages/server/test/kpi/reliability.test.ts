import type { Filters, LlmEventInput } from "@promptmeter/schema";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "../../src/auth/projects.js";
import { postgresMigrationDialect } from "../../src/db/dialect/postgres.js";
import { sqliteMigrationDialect } from "../../src/db/dialect/sqlite.js";
import { reliabilityHourly } from "../../src/db/migrations/2026-11-27h-reliability-hourly.js";
import { reliabilityDaily } from "../../src/db/migrations/2026-11-27j-reliability-daily.js";
import { appRouter } from "../../src/router.js";
import { generateDataset, STORY } from "../../src/seed/generate.js";
import { DIALECTS, dialectAvailable } from "../dialects.js";
import { createKpiFixture, END, FILTER_CASES, type KpiFixture, type OracleEvent, START, toOracle } from "./fixture.js";
import { select } from "./oracle.js";

const M = 60_000;
const H = 3_600_000;
const D = 86_400_000;
const OUTAGE_TYPES = ["server_error", "timeout", "network", "rate_limit"];
const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

interface Expected {
  provider: string;
  model: string;
  availability: number;
  incidents: { start: string; end: string; minutes: number }[];
  recoveries: number[];
  ongoing: number;
  trafficMinutes: number;
  downMinutes: number;
}

/** What the reliability oracle reads of an event. */
type Request = Pick<OracleEvent, "id" | "ts" | "provider" | "model" | "status" | "errorType">;

/** A generated event as the oracle reads it (reliability reads no costs). */
const toRequest = (e: ReturnType<typeof generateDataset>["events"][number]): Request => toOracle(e, new Map());

/** One provider+model, by plain loops: minutes in a map, then the requests one by one in (ts, id) order. */
function expectedRow(list: Request[]): Expected {
  const minutes = new Map<number, { requests: number; outage: number }>();
  for (const e of list) {
    const m = Math.floor(e.ts / M) * M;
    const c = minutes.get(m) ?? { requests: 0, outage: 0 };
    c.requests += 1;
    if (e.status === "error" && OUTAGE_TYPES.includes(e.errorType!)) c.outage += 1;
    minutes.set(m, c);
  }
  const incidents: Expected["incidents"] = [];
  let runStart: number | null = null;
  let runLast = 0;
  let down = 0;
  const close = () => {
    if (runStart === null) return;
    incidents.push({
      start: new Date(runStart).toISOString(),
      end: new Date(runLast + M).toISOString(),
      minutes: (runLast + M - runStart) / M,
    });
    runStart = null;
  };
  for (const m of [...minutes.keys()].sort((a, b) => a - b)) {
    const c = minutes.get(m)!;
    if (c.outage / c.requests >= 0.5) {
      down += 1;
      if (runStart === null) runStart = m;
      runLast = m;
    } else close();
  }
  close();

  const ordered = [...list].sort((a, b) => a.ts - b.ts || byStr(a.id, b.id));
  const recoveries: number[] = [];
  let streakStart: number | null = null;
  for (const e of ordered) {
    if (e.status === "error") {
      if (streakStart === null) streakStart = e.ts;
    } else if (streakStart !== null) {
      recoveries.push(e.ts - streakStart);
      streakStart = null;
    }
  }
  return {
    provider: list[0]!.provider,
    model: list[0]!.model,
    availability: 1 - down / minutes.size,
    incidents,
    recoveries,
    ongoing: streakStart === null ? 0 : 1,
    trafficMinutes: minutes.size,
    downMinutes: down,
  };
}

function expected(events: OracleEvent[], from: number, to: number, f: Filters) {
  return expectedOver(select(events, from, to, f));
}

function expectedOver(selected: Request[]) {
  const groups = new Map<string, Request[]>();
  for (const e of selected) {
    const key = `${e.provider}\n${e.model}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const rows = [...groups.values()]
    .map(expectedRow)
    .sort((a, b) => a.availability - b.availability || byStr(a.provider, b.provider) || byStr(a.model, b.model));
  const traffic = rows.reduce((s, r) => s + r.trafficMinutes, 0);
  const down = rows.reduce((s, r) => s + r.downMinutes, 0);
  return {
    availability: traffic === 0 ? null : 1 - down / traffic,
    mttrMs: mean(rows.flatMap((r) => r.recoveries)),
    incidentCount: rows.reduce((s, r) => s + r.incidents.length, 0),
    ongoing: rows.reduce((s, r) => s + r.ongoing, 0),
    rows: rows.map((r) => ({
      provider: r.provider,
      model: r.model,
      availability: r.availability,
      incidents: r.incidents,
      mttrMs: mean(r.recoveries),
      ongoing: r.ongoing,
    })),
  };
}

type Reliability = Awaited<ReturnType<KpiFixture["caller"]["kpi"]["reliability"]>>;

function close(actual: number | null, exp: number | null) {
  if (exp === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(exp, 9);
}

function expectMatches(actual: Reliability, exp: ReturnType<typeof expectedOver>) {
  close(actual.availability, exp.availability);
  close(actual.mttrMs, exp.mttrMs);
  expect(actual.incidentCount).toBe(exp.incidentCount);
  expect(actual.ongoing).toBe(exp.ongoing);
  expect(actual.rows.map((r) => [r.provider, r.model, r.incidents, r.ongoing])).toEqual(
    exp.rows.map((r) => [r.provider, r.model, r.incidents, r.ongoing]),
  );
  actual.rows.forEach((r, i) => {
    close(r.availability, exp.rows[i]!.availability);
    close(r.mttrMs, exp.rows[i]!.mttrMs);
  });
}

const RANGES = [
  { name: "whole 30 days", from: START, to: END },
  { name: "3 days, unaligned to the minute", from: END - 3 * D - 17 * 60_000 - 12_345, to: END - 5 * H + 41 * 60_000 + 999 },
  { name: "across the US DST change", from: Date.UTC(2026, 2, 7, 5), to: Date.UTC(2026, 2, 10, 4) },
];

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`kpi.reliability on ${dialect}`, () => {
    let fx: KpiFixture;
    const callerFor = (projectId: string) => appRouter.createCaller(fx.pm.createContext({ projectId, canRead: true, canIngest: false }));
    beforeAll(async () => {
      fx = await createKpiFixture(dialect);
    });
    afterAll(async () => fx?.cleanup());

    for (const range of RANGES) {
      for (const { name, filters } of FILTER_CASES) {
        it(`${range.name}, ${name}`, async () => {
          const actual = await fx.caller.kpi.reliability({ range: { from: range.from, to: range.to }, filters });
          expectMatches(actual, expected(fx.events, range.from, range.to, filters));
          expect(actual.previous).toBeNull();
        });
      }
    }

    it("the migrations' backfills build every slice, hour and day from the stored events alone", async () => {
      const db = fx.pm.store.db;
      await sql`DROP TABLE rollup_reliability_hourly`.execute(db);
      await sql`DROP TABLE rollup_reliability_dirty`.execute(db);
      await sql`DROP TABLE rollup_reliability_daily`.execute(db);
      await sql`DROP TABLE rollup_reliability_slices`.execute(db);
      const migrationDialect = dialect === "postgres" ? postgresMigrationDialect : sqliteMigrationDialect;
      await reliabilityHourly(migrationDialect).up(db);
      await reliabilityDaily(migrationDialect).up(db);
      expect(await db.selectFrom("rollup_reliability_dirty").selectAll().execute()).toEqual([]);
      const built = await db.selectFrom("rollup_reliability_hourly").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
      expect(Number(built.n)).toBeGreaterThan(500);
      for (const range of RANGES) {
        expectMatches(
          await fx.caller.kpi.reliability({ range: { from: range.from, to: range.to } }),
          expected(fx.events, range.from, range.to, {}),
        );
      }
    });

    it("finds incidents and recoveries in the data", async () => {
      const actual = await fx.caller.kpi.reliability({ range: { from: START, to: END } });
      expect(actual.incidentCount).toBeGreaterThan(10);
      expect(actual.mttrMs).toBeGreaterThan(0);
      expect(actual.availability).toBeGreaterThan(0.9);
      expect(actual.availability).toBeLessThan(1);
    });

    it("compare returns the previous period's figures", async () => {
      const from = END - 10 * D;
      const actual = await fx.caller.kpi.reliability({ range: { from, to: END }, compare: true });
      const exp = expected(fx.events, from - 10 * D, from, {});
      close(actual.previous!.availability, exp.availability);
      close(actual.previous!.mttrMs, exp.mttrMs);
      expect(actual.previous!.incidentCount).toBe(exp.incidentCount);
      expect(actual.previous!.ongoing).toBe(exp.ongoing);
    });

    it("an empty range has no rows and a null availability", async () => {
      const actual = await fx.caller.kpi.reliability({ range: { from: START - 10 * H, to: START - 5 * H } });
      expect(actual).toEqual({ availability: null, mttrMs: null, incidentCount: 0, ongoing: 0, rows: [], previous: null });
    });

    it("a project with a single event", async () => {
      const actual = await fx.callers.single.kpi.reliability({ range: { from: START, to: END } });
      expectMatches(actual, expected(fx.singleEvents, START, END, {}));
      expect(actual.rows).toHaveLength(1);
    });

    it("a project where every request failed: down whenever outage errors are half or more, never recovered", async () => {
      const actual = await fx.callers.errorsOnly.kpi.reliability({ range: { from: START, to: END } });
      expectMatches(actual, expected(fx.errorEvents, START, END, {}));
      // Five minutes with traffic, one request each; the auth failure is not an outage.
      expect(actual.rows[0]!.availability).toBeCloseTo(0.2, 12);
      expect(actual.rows).toEqual([
        {
          provider: "openai",
          model: "gpt-4o",
          availability: actual.rows[0]!.availability,
          incidents: [{ start: new Date(END - 4 * H).toISOString(), end: new Date(END - H + M).toISOString(), minutes: 3 * 60 + 1 }],
          mttrMs: null,
          ongoing: 1,
        },
      ]);
    });

    describe("hand-made sequences", () => {
      const t0 = Date.UTC(2026, 0, 10, 12);
      let caller: ReturnType<typeof callerFor>;
      const ev = (id: string, model: string, at: number, errorType?: string): LlmEventInput => ({
        id,
        timestamp: t0 + at,
        provider: "acme",
        model,
        status: errorType === undefined ? "success" : "error",
        ...(errorType === undefined ? {} : { errorType: errorType as "timeout" }),
        latencyMs: 10,
      });
      beforeAll(async () => {
        const project = await ensureProject(fx.pm.store, "reliability-cases");
        await fx.pm.ingest.events(project.id, [
          // minute 0: 1 of 2 failed with a timeout → down
          ev("a1", "m", 1_000, "timeout"),
          ev("a2", "m", 2_000),
          // minute 1: no traffic; minute 2: a server error → down, the incident goes on
          ev("a3", "m", 2 * M + 5_000, "server_error"),
          // minute 3: 1 of 3 failed → up, the incident ends
          ev("a4", "m", 3 * M + 1_000, "rate_limit"),
          ev("a5", "m", 3 * M + 2_000),
          ev("a6", "m", 3 * M + 3_000),
          // minute 4: an auth failure is not an outage → up (but it starts a failure streak)
          ev("a7", "m", 4 * M + 1_000, "auth"),
          // minute 6: a network failure → down, and the streak never recovers
          ev("a8", "m", 6 * M, "network"),
          // Same millisecond: ids decide the order, "t-a" (failure) before "t-b" (success).
          ev("t-b", "tie", 30_000),
          ev("t-a", "tie", 30_000, "timeout"),
          ev("t-c", "tie", 40_000, "timeout"),
        ]);
        caller = callerFor(project.id);
      });
      const iso = (at: number) => new Date(t0 + at).toISOString();

      it("silent minutes inside a run do not end an incident; a minute with traffic that is up does", async () => {
        const actual = await caller.kpi.reliability({ range: { from: t0, to: t0 + H } });
        const m = actual.rows.find((r) => r.model === "m")!;
        expect(m.incidents).toEqual([
          { start: iso(0), end: iso(3 * M), minutes: 3 },
          { start: iso(6 * M), end: iso(7 * M), minutes: 1 },
        ]);
        // Minutes with traffic 0, 2, 3, 4, 6; down 0, 2, 6.
        expect(m.availability).toBeCloseTo(2 / 5, 12);
        // Streaks: a1 → a2 (1 s); a3, a4 → a5 (57 s); a7, a8 never recovered.
        expect(m.mttrMs).toBe((1_000 + 57_000) / 2);
        expect(m.ongoing).toBe(1);
      });

      it("requests in the same millisecond are ordered by id", async () => {
        const actual = await caller.kpi.reliability({ range: { from: t0, to: t0 + H } });
        const tie = actual.rows.find((r) => r.model === "tie")!;
        expect(tie).toEqual({
          provider: "acme",
          model: "tie",
          availability: 0,
          incidents: [{ start: iso(0), end: iso(M), minutes: 1 }],
          mttrMs: 0,
          ongoing: 1,
        });
        expect(actual.rows.map((r) => r.model)).toEqual(["tie", "m"]);
        expect(actual.availability).toBeCloseTo(1 - 4 / 6, 12);
        expect(actual.mttrMs).toBeCloseTo((1_000 + 57_000 + 0) / 3, 9);
      });

      it("a range starting inside a minute sees only that minute's requests in range", async () => {
        // From 1.5 s: a1 is out, so minute 0 holds only a2's success and is up.
        const actual = await caller.kpi.reliability({ range: { from: t0 + 1_500, to: t0 + 6 * M + 30_000 }, filters: { model: "m" } });
        expect(actual.rows).toEqual([
          {
            provider: "acme",
            model: "m",
            availability: 1 - 2 / 5,
            incidents: [
              { start: iso(2 * M), end: iso(3 * M), minutes: 1 },
              { start: iso(6 * M), end: iso(7 * M), minutes: 1 },
            ],
            mttrMs: 57_000,
            ongoing: 1,
          },
        ]);
      });

      it("filters the rollup cannot honour read raw events and still apply the same rules", async () => {
        const actual = await caller.kpi.reliability({ range: { from: t0, to: t0 + H }, filters: { status: "error", model: "m" } });
        // Only failures: minutes 0, 2, 3, 4, 6 with traffic; 3 (rate limit) is down now, 4 (auth) is not.
        expect(actual.rows[0]!.incidents).toEqual([
          { start: iso(0), end: iso(4 * M), minutes: 4 },
          { start: iso(6 * M), end: iso(7 * M), minutes: 1 },
        ]);
        expect(actual.rows[0]!.mttrMs).toBeNull();
        expect(actual.rows[0]!.ongoing).toBe(1);
      });
    });

    it("events arriving after a read, late and out of order, are counted once their hours are rebuilt", async () => {
      const project = await ensureProject(fx.pm.store, "late-arrivals");
      const end = Date.UTC(2026, 2, 25, 18);
      const data = generateDataset({ seed: 9, events: 4000, days: 3, end });
      // Every third request arrives late, newest first, in three deliveries after reads.
      const early = data.events.filter((_, i) => i % 3 !== 0);
      const late = data.events.filter((_, i) => i % 3 === 0).reverse();
      for (let i = 0; i < early.length; i += 1000) await fx.pm.ingest.events(project.id, early.slice(i, i + 1000));
      const caller = callerFor(project.id);
      // Partial hours, whole hours and whole days (rebuilt from their hours) all in range.
      const from = end - 3 * D + 7 * M + 123;
      const to = end - 2 * M - 5;
      const inRange = (list: typeof data.events) => list.map(toRequest).filter((r) => r.ts >= from && r.ts < to);
      expectMatches(await caller.kpi.reliability({ range: { from, to } }), expectedOver(inRange(early)));
      const third = Math.ceil(late.length / 3);
      for (let k = 1; k <= 3; k++) {
        await fx.pm.ingest.events(project.id, late.slice((k - 1) * third, k * third));
        const stored = [...early, ...late.slice(0, k * third)];
        expectMatches(await caller.kpi.reliability({ range: { from, to } }), expectedOver(inRange(stored)));
      }
    });

    it("a dense day with the OpenAI outage: the same incidents as the oracle, clustered in the outage", async () => {
      const project = await ensureProject(fx.pm.store, "dense-outage");
      const end = Date.UTC(2026, 2, 20, 18);
      const data = generateDataset({ seed: 5, events: 8000, days: 1, end });
      for (let i = 0; i < data.events.length; i += 1000) await fx.pm.ingest.events(project.id, data.events.slice(i, i + 1000));
      const requests = data.events.map(toRequest);
      // The generated day is exactly [end − 1 day, end): every request is in range.
      const from = end - D;
      const actual = await callerFor(project.id).kpi.reliability({ range: { from, to: end } });
      const exp = expectedOver(requests);
      expectMatches(actual, exp);

      const outageStart = from + Math.round((STORY.outageStart * D) / M) * M;
      const outageEnd = outageStart + STORY.outageMinutes * M;
      let inside = 0;
      let outside = 0;
      for (const r of actual.rows.filter((r) => r.provider === "openai")) {
        for (const i of r.incidents) {
          if (Date.parse(i.start) >= outageStart && Date.parse(i.start) < outageEnd) inside += 1;
          else outside += 1;
        }
      }
      // The outage is 90 of 1,440 minutes, yet it holds most of OpenAI's incidents.
      expect(inside).toBeGreaterThan(30);
      expect(inside / (STORY.outageMinutes / 1440)).toBeGreaterThan(5 * outside);
    });
  });
}
