import type { Migration } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";
import { initial } from "./2026-11-27-initial.js";

/** Every migration, by date-prefixed name; frozen once released. */
export function migrations(dialect: MigrationDialect): Record<string, Migration> {
  return {
    "2026-11-27-initial": initial(dialect),
  };
}
