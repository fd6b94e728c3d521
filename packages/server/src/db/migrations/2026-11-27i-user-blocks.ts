import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";

// Spelled out, not imported: a migration is frozen in time (rollups/user-block-deltas.ts).
const DAY = 86_400_000;
const STEP_DAYS = 32;
const STEP = STEP_DAYS * DAY;

/**
 * Fills rollup_user_blocks from rollup_user_daily: each day goes to the block starting at or before
 * it (bit day − start) and to the one 32 days earlier (bit + 32).
 */
export async function backfillUserBlocks(db: Kysely<any>): Promise<void> {
  const start = sql.raw(`(day / ${STEP}) * ${STEP}`);
  const bit = sql.raw(`CAST((day - (day / ${STEP}) * ${STEP}) / ${DAY} AS integer)`);
  // The bits of one user's days in a block are distinct, so their sum is their bitwise OR.
  await sql`INSERT INTO rollup_user_blocks (project_id, block, user_id, days, requests, cost_usd, tokens)
    SELECT project_id, block, user_id, sum(mask), sum(requests), sum(cost_usd), sum(tokens) FROM (
      SELECT project_id, ${start} AS block, user_id, CAST(1 AS bigint) << ${bit} AS mask, requests, cost_usd, tokens
        FROM rollup_user_daily
      UNION ALL
      SELECT project_id, ${start} - ${sql.raw(String(STEP))}, user_id, CAST(1 AS bigint) << (${bit} + ${sql.raw(String(STEP_DAYS))}),
        requests, cost_usd, tokens
        FROM rollup_user_daily
    ) AS d
    GROUP BY project_id, block, user_id`.execute(db);
}

/** Counts each project's users per UTC day from rollup_user_daily (one row per active user and day). */
export async function backfillActiveUsersDaily(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO rollup_active_users_daily (project_id, day, users)
    SELECT project_id, day, count(*) FROM rollup_user_daily GROUP BY project_id, day`.execute(db);
}

/**
 * Per user and 64-day block of UTC days (one starting every 32 days): the active days as a
 * bitmask and the block's requests, spend and tokens, maintained at ingest. A month-long range
 * lies inside one block, so usage frequency and the top-users upper bound read one row per user
 * (~66k at 10M events) instead of one per user-day (1.7M). Backfilled from rollup_user_daily, whose
 * (project_id, user_id, day) index it replaces.
 * On PostgreSQL, pm_popcount counts a mask's bits (SQLite registers it per connection).
 *
 * And active users per UTC day: a trigger counts the rollup_user_daily rows actually inserted
 * (an upsert that updates fires no INSERT trigger, on either database), since only the upsert
 * knows whether a user's day is new; kpi.users' daily series then reads one row per day instead
 * of counting 57k user-day rows for each.
 */
export function userBlocks(dialect: MigrationDialect) {
  const clustered = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    dialect.clusteredTableSuffix ? t.modifyEnd(sql.raw(dialect.clusteredTableSuffix)) : t;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await clustered(db.schema.createTable("rollup_user_blocks"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("block", "bigint", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("days", "bigint", (c) => c.notNull())
        .addColumn("requests", "bigint", (c) => c.notNull())
        .addColumn("cost_usd", "double precision", (c) => c.notNull())
        .addColumn("tokens", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_user_blocks_pk", ["project_id", "block", "user_id"])
        .execute();
      await backfillUserBlocks(db);
      // Its readers (active days per user, top users' totals) now read the blocks or probe (day, user) pairs on the primary key: 6 MB per 1M events back.
      await db.schema.dropIndex("rollup_user_daily_user").execute();
      await clustered(db.schema.createTable("rollup_active_users_daily"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("day", "bigint", (c) => c.notNull())
        .addColumn("users", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollup_active_users_daily_pk", ["project_id", "day"])
        .execute();
      await backfillActiveUsersDaily(db);
      if (dialect.name === "postgres") {
        // Statement-level: the transition table holds only the rows the upsert inserted; days in key order, as the writers lock.
        await sql`CREATE OR REPLACE FUNCTION pm_count_new_user_days() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO rollup_active_users_daily (project_id, day, users)
              SELECT project_id, day, count(*) FROM new_user_days GROUP BY project_id, day ORDER BY project_id, day
              ON CONFLICT (project_id, day) DO UPDATE SET users = rollup_active_users_daily.users + excluded.users;
            RETURN NULL;
          END $$`.execute(db);
        await sql`CREATE TRIGGER rollup_user_daily_new AFTER INSERT ON rollup_user_daily
          REFERENCING NEW TABLE AS new_user_days FOR EACH STATEMENT EXECUTE FUNCTION pm_count_new_user_days()`.execute(db);
      } else {
        await sql`CREATE TRIGGER rollup_user_daily_new AFTER INSERT ON rollup_user_daily BEGIN
          INSERT INTO rollup_active_users_daily (project_id, day, users) VALUES (NEW.project_id, NEW.day, 1)
            ON CONFLICT (project_id, day) DO UPDATE SET users = users + 1;
          END`.execute(db);
      }
      if (dialect.name === "postgres") {
        // Updated in place by every batch with the user's requests in the block (see 2026-11-27f-rollup-fillfactor).
        await sql`ALTER TABLE rollup_user_blocks SET (fillfactor = 70)`.execute(db);
        await sql`ALTER TABLE rollup_active_users_daily SET (fillfactor = 70)`.execute(db);
        await sql`CREATE OR REPLACE FUNCTION pm_popcount(n bigint) RETURNS integer
          LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT bit_count(n::bit(64))::integer $$`.execute(db);
      }
    },
  };
}
