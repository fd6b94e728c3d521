import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "../src/auth/projects.js";
import { createPromptmeter, type Promptmeter } from "../src/create-promptmeter.js";
import { backfillDailyAndUsers } from "../src/db/migrations/2026-11-27-rollups-daily-users.js";
import { uniqueUsers } from "../src/queries/unique-users.js";
import { generateDataset } from "../src/seed/generate.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const END = Date.parse("2026-11-20T10:17:00.000Z");
const DAYS = 6;
const dataset = generateDataset({ seed: 11, events: 4000, days: DAYS, end: END });
/** Interleaved batches written concurrently, so daily rows are built from several group commits' upserts. */
const BATCHES = 8;
const batches = Array.from({ length: BATCHES }, (_, b) => dataset.events.filter((_, i) => i % BATCHES === b));

const SUMS = [
  "requests",
  "cost_usd",
  "priced_requests",
  "unpriced_requests",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "latency_sum",
  "ttft_sum",
  "ttft_count",
  "streamed",
  "retried",
  "retries_sum",
  "fallbacks",
  "rescued",
  "rescue_attempts",
  "cache_hits",
] as const;
const DIMS = ["provider", "model", "status", "error_type", "environment", "feature", "release"] as const;

function addHist(into: Record<string, number>, text: string): void {
  for (const [k, n] of Object.entries(JSON.parse(text) as Record<string, number>)) into[k] = (into[k] ?? 0) + n;
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`daily and per-user rollups on ${dialect}`, () => {
    let t: TestStore;
    let pm: Promptmeter;
    let projectId: string;
    beforeAll(async () => {
      t = await openTestStore(dialect);
      pm = await createPromptmeter({ db: t.store });
      projectId = (await ensureProject(t.store, "daily")).id;
      const results = await Promise.all(batches.map((b) => pm.ingest.events(projectId, b)));
      expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(dataset.events.length);
      // A resend in the same group as new events changes nothing.
      const again = await Promise.all([pm.ingest.events(projectId, batches[3]!), pm.ingest.events(projectId, batches[5]!)]);
      expect(again.map((r) => r.duplicates)).toEqual([batches[3]!.length, batches[5]!.length]);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    async function dailyRows() {
      return (await t.store.db
        .selectFrom("rollup_daily")
        .selectAll()
        .where("project_id", "=", projectId)
        .orderBy(["day", "provider", "model", "status", "error_type", "environment", "feature", "release"])
        .execute()) as Record<string, unknown>[];
    }

    /** The daily rollup recomputed the obvious way: hourly rows (checked against events elsewhere) summed per UTC day. */
    async function expectedDaily() {
      const hourly = (await t.store.db.selectFrom("rollup_hourly").selectAll().where("project_id", "=", projectId).execute()) as Record<
        string,
        unknown
      >[];
      const days = new Map<string, Record<string, unknown> & { lh: Record<string, number>; th: Record<string, number> }>();
      for (const h of hourly) {
        const day = Math.floor(Number(h.hour) / DAY) * DAY;
        const key = [day, ...DIMS.map((d) => h[d])].join("|");
        let d = days.get(key);
        if (!d) {
          d = { day, ...Object.fromEntries(DIMS.map((c) => [c, h[c]])), ...Object.fromEntries(SUMS.map((c) => [c, 0])), lh: {}, th: {} };
          days.set(key, d);
        }
        for (const c of SUMS) d[c] = (d[c] as number) + Number(h[c]);
        addHist(d.lh, String(h.latency_hist));
        addHist(d.th, String(h.ttft_hist));
      }
      return days;
    }

    function compareDaily(actual: Record<string, unknown>[], expected: Awaited<ReturnType<typeof expectedDaily>>): string[] {
      const problems: string[] = [];
      if (actual.length !== expected.size) problems.push(`${actual.length} daily rows, expected ${expected.size}`);
      for (const row of actual) {
        const key = [Number(row.day), ...DIMS.map((d) => row[d])].join("|");
        const e = expected.get(key);
        if (!e) {
          problems.push(`unexpected daily row ${key}`);
          continue;
        }
        for (const c of SUMS) {
          if (Math.abs(Number(row[c]) - (e[c] as number)) > 1e-9 * Math.max(1, Math.abs(e[c] as number))) {
            problems.push(`${key} ${c}: ${row[c]} ≠ ${e[c]}`);
          }
        }
        const lh: Record<string, number> = {};
        const th: Record<string, number> = {};
        addHist(lh, String(row.latency_hist));
        addHist(th, String(row.ttft_hist));
        if (JSON.stringify(Object.entries(lh).sort()) !== JSON.stringify(Object.entries(e.lh).sort())) problems.push(`${key} latency_hist`);
        if (JSON.stringify(Object.entries(th).sort()) !== JSON.stringify(Object.entries(e.th).sort())) problems.push(`${key} ttft_hist`);
      }
      return problems;
    }

    /** Each user's first and last request, straight from the events. */
    async function expectedUsers() {
      const rows = await t.store.db
        .selectFrom("events")
        .select(["user_id", "ts"])
        .where("project_id", "=", projectId)
        .where("user_id", "is not", null)
        .execute();
      const users = new Map<string, { first: number; last: number }>();
      for (const r of rows) {
        const u = users.get(r.user_id!) ?? { first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY };
        users.set(r.user_id!, { first: Math.min(u.first, Number(r.ts)), last: Math.max(u.last, Number(r.ts)) });
      }
      return users;
    }

    async function usersRows() {
      const rows = await t.store.db.selectFrom("rollup_users").selectAll().where("project_id", "=", projectId).execute();
      return new Map(rows.map((r) => [r.user_id, { first: Number(r.first_ts), last: Number(r.last_ts) }]));
    }

    it("rollup_daily is the hourly rollup summed per UTC day, histograms merged", async () => {
      const actual = await dailyRows();
      expect(new Set(actual.map((r) => Number(r.day))).size).toBe(DAYS + 1);
      expect(compareDaily(actual, await expectedDaily())).toEqual([]);
      // The comparison notices a changed row.
      expect(
        compareDaily([{ ...actual[0]!, requests: Number(actual[0]!.requests) + 1 }, ...actual.slice(1)], await expectedDaily()),
      ).not.toEqual([]);
    });

    it("rollup_users holds each user's first and last request", async () => {
      const expected = await expectedUsers();
      expect(expected.size).toBeGreaterThan(10);
      expect(await usersRows()).toEqual(expected);
    });

    it("the migration's backfill rebuilds both from the older rollups", async () => {
      const daily = await dailyRows();
      const users = await usersRows();
      await sql`DELETE FROM rollup_daily`.execute(t.store.db);
      await sql`DELETE FROM rollup_users`.execute(t.store.db);
      await backfillDailyAndUsers(t.store.db);
      expect(compareDaily(await dailyRows(), await expectedDaily())).toEqual([]);
      // Same rows (floating sums may differ in the last bits: they are added in another order).
      const keys = (rows: Record<string, unknown>[]) => rows.map((r) => [r.day, ...DIMS.map((d) => r[d])].join("|"));
      expect(keys(await dailyRows())).toEqual(keys(daily));
      expect(await usersRows()).toEqual(users);
    });

    it("unique users from rollup_users equal a distinct count over events, for ranges inside, across and outside the data", async () => {
      const start = END - DAYS * DAY;
      const ranges: [number, number][] = [
        [start, END],
        [start - DAY, END + DAY],
        [start + 7 * HOUR + 1234, END - 5 * HOUR - 17],
        [start + DAY + 3 * HOUR, start + 2 * DAY],
        [start + 2 * DAY + 11 * 60_000, start + 2 * DAY + 47 * 60_000],
        [END - 30 * 60_000, END],
        [END, END + DAY],
        [start - DAY, start],
      ];
      for (let i = 0; i < 12; i++) {
        const a = start + ((i * 7919) % DAYS) * DAY + ((i * 104_729) % DAY);
        ranges.push([a, a + ((i * 15_485_863) % (2 * DAY)) + 60_000]);
      }
      for (const [from, to] of ranges) {
        const scope = { projectId, interval: { from, to }, bucket: "day" as const, timezone: "UTC", filters: {} };
        const row = await t.store.db
          .selectFrom("events")
          .select(sql<number>`count(distinct user_id)`.as("n"))
          .where("project_id", "=", projectId)
          .where("ts", ">=", from)
          .where("ts", "<", to)
          .executeTakeFirst();
        expect(await uniqueUsers(t.store, scope), `${new Date(from).toISOString()} – ${new Date(to).toISOString()}`).toBe(Number(row?.n));
      }
    });
  });
}
