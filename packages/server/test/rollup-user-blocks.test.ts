import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProject } from "../src/auth/projects.js";
import { createPromptmeter, type Promptmeter } from "../src/create-promptmeter.js";
import { backfillActiveUsersDaily, backfillUserBlocks } from "../src/db/migrations/2026-11-27i-user-blocks.js";
import { generateDataset } from "../src/seed/generate.js";
import { DIALECTS, dialectAvailable, openTestStore, type TestStore } from "./dialects.js";

const DAY = 86_400_000;
const STEP = 32 * DAY;
const END = Date.parse("2026-11-20T10:17:00.000Z");
/** Long enough for users to span several blocks and set bit 63 (the sign bit) of some masks. */
const DAYS = 100;
const dataset = generateDataset({ seed: 23, events: 5000, days: DAYS, end: END });
const BATCHES = 6;
const batches = Array.from({ length: BATCHES }, (_, b) => dataset.events.filter((_, i) => i % BATCHES === b));

interface Block {
  days: bigint;
  requests: number;
  tokens: number;
}

/** Each user's 64-day blocks (starting every 32 UTC days) straight from the events: active days as bits, requests, tokens. */
async function expectedBlocks(t: TestStore, projectId: string): Promise<Map<string, Block>> {
  const rows = await t.store.db
    .selectFrom("events")
    .select(["user_id", "ts", "input_tokens", "output_tokens"])
    .where("project_id", "=", projectId)
    .where("user_id", "is not", null)
    .execute();
  const out = new Map<string, Block>();
  for (const r of rows) {
    const day = Math.floor(Number(r.ts) / DAY) * DAY;
    for (let block = Math.floor(day / STEP) * STEP - STEP; block <= day; block += STEP) {
      if (day >= block + 2 * STEP) continue;
      const key = `${block}|${r.user_id}`;
      const b = out.get(key) ?? { days: 0n, requests: 0, tokens: 0 };
      b.days |= 1n << BigInt((day - block) / DAY);
      b.requests += 1;
      b.tokens += Number(r.input_tokens) + Number(r.output_tokens);
      out.set(key, b);
    }
  }
  return out;
}

async function storedBlocks(t: TestStore, projectId: string): Promise<Map<string, Block>> {
  const rows = await t.store.db
    .selectFrom("rollup_user_blocks")
    // As text: the masks are 64-bit and lose bits as JS numbers.
    .select(["block", "user_id", sql<string>`CAST(days AS TEXT)`.as("days"), "requests", "tokens"])
    .where("project_id", "=", projectId)
    .execute();
  return new Map(
    rows.map((r) => [
      `${Number(r.block)}|${r.user_id}`,
      { days: BigInt.asUintN(64, BigInt(r.days)), requests: Number(r.requests), tokens: Number(r.tokens) },
    ]),
  );
}

for (const dialect of DIALECTS) {
  describe.runIf(dialectAvailable(dialect))(`per-user 64-day blocks on ${dialect}`, () => {
    let t: TestStore;
    let pm: Promptmeter;
    let projectId: string;
    beforeAll(async () => {
      t = await openTestStore(dialect);
      pm = await createPromptmeter({ db: t.store });
      projectId = (await ensureProject(t.store, "blocks")).id;
      const results = await Promise.all(batches.map((b) => pm.ingest.events(projectId, b)));
      expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(dataset.events.length);
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it("holds each user's active days and sums per block, as written at ingest", async () => {
      const expected = await expectedBlocks(t, projectId);
      expect([...expected.values()].some((b) => b.days >= 1n << 63n)).toBe(true);
      expect(await storedBlocks(t, projectId)).toEqual(expected);
    });

    /** Distinct users per UTC day, straight from the events. */
    async function expectedDailyUsers(): Promise<Map<number, number>> {
      const rows = await t.store.db
        .selectFrom("events")
        .select(["user_id", "ts"])
        .where("project_id", "=", projectId)
        .where("user_id", "is not", null)
        .execute();
      const users = new Map<number, Set<string>>();
      for (const r of rows) {
        const day = Math.floor(Number(r.ts) / DAY) * DAY;
        users.set(day, (users.get(day) ?? new Set()).add(r.user_id!));
      }
      return new Map([...users].map(([d, set]) => [d, set.size]));
    }

    async function storedDailyUsers(): Promise<Map<number, number>> {
      const rows = await t.store.db.selectFrom("rollup_active_users_daily").selectAll().where("project_id", "=", projectId).execute();
      return new Map(rows.map((r) => [Number(r.day), Number(r.users)]));
    }

    it("counts each UTC day's active users as their first request of the day is stored", async () => {
      const expected = await expectedDailyUsers();
      expect(expected.size).toBe(DAYS + 1);
      expect(await storedDailyUsers()).toEqual(expected);
    });

    it("the migration's backfill rebuilds the daily counts from rollup_user_daily", async () => {
      await sql`DELETE FROM rollup_active_users_daily`.execute(t.store.db);
      await backfillActiveUsersDaily(t.store.db);
      expect(await storedDailyUsers()).toEqual(await expectedDailyUsers());
    });

    it("the migration's backfill rebuilds it from rollup_user_daily", async () => {
      await sql`DELETE FROM rollup_user_blocks`.execute(t.store.db);
      await backfillUserBlocks(t.store.db);
      expect(await storedBlocks(t, projectId)).toEqual(await expectedBlocks(t, projectId));
    });
  });
}
