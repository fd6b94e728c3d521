import type { Kysely } from "kysely";
import type { EventRow } from "../../rollups/deltas.js";
import type { Database, EventPayloadsTable, FeedbackTable } from "../tables.js";

export type DialectName = "sqlite" | "postgres";

/** What a migration needs to know about the database it runs on. */
export interface MigrationDialect {
  name: DialectName;
  /** Column type of an auto-incrementing 64-bit primary key. */
  autoIdType: "integer" | "bigserial";
  /** Tables that are only ever read by primary key range are stored clustered on it (SQLite WITHOUT ROWID). */
  clusteredTableSuffix: string | null;
  /** Creates the SQL functions the rollup upserts call (e.g. histogram merge). */
  createHelpers(db: Kysely<any>): Promise<void>;
}

export interface EventBatch {
  projectId: string;
  /** Unique ids within the batch (the caller drops in-batch repeats first). */
  rows: EventRow[];
  payloads: Omit<EventPayloadsTable, "project_id">[];
}

export type FeedbackRow = Omit<FeedbackTable, "seq">;

/**
 * The storage capabilities whose SQL differs by database. Everything else goes through
 * the dialect-neutral Kysely instance `db`.
 */
export interface Store {
  readonly dialect: DialectName;
  readonly db: Kysely<Database>;
  /**
   * Stores a batch and its rollups in one transaction; rows whose (project, id) already
   * exist are skipped. Returns how many rows were new.
   */
  writeEvents(batch: EventBatch): Promise<{ inserted: number }>;
  /** Stores feedback rows, skipping ids already stored. Returns how many were new. */
  writeFeedback(rows: FeedbackRow[]): Promise<{ inserted: number }>;
  /**
   * Rebuilds the project's rollup_reliability_hourly rows of hours in [from, to) that ingest marked
   * stale, atomically with respect to concurrent writes (a mark is cleared only with its rebuild).
   */
  refreshReliability(projectId: string, from: number, to: number): Promise<void>;
  /** Resolves once the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
