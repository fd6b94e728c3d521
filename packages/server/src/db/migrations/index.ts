import type { Migration } from "kysely";
import type { MigrationDialect } from "../dialect/types.js";
import { initial } from "./2026-11-27-initial.js";
import { rollupsDailyUsers } from "./2026-11-27-rollups-daily-users.js";
import { readPaths } from "./2026-11-27b-read-paths.js";
import { rollupFeedback } from "./2026-11-27c-rollup-feedback.js";
import { feedbackByModel } from "./2026-11-27d-feedback-by-model.js";
import { minuteTotals } from "./2026-11-27e-minute-totals.js";
import { rollupFillfactor } from "./2026-11-27f-rollup-fillfactor.js";
import { errorMessages } from "./2026-11-27g-error-messages.js";
import { reliabilityHourly } from "./2026-11-27h-reliability-hourly.js";
import { userBlocks } from "./2026-11-27i-user-blocks.js";
import { userFeedbackIndex } from "./2026-11-27i-user-feedback-index.js";
import { reliabilityDaily } from "./2026-11-27j-reliability-daily.js";

/** Every migration, by date-prefixed name; frozen once released. */
export function migrations(dialect: MigrationDialect): Record<string, Migration> {
  return {
    "2026-11-27-initial": initial(dialect),
    // Sorts after "initial" (Kysely applies migrations in name order).
    "2026-11-27-rollups-daily-users": rollupsDailyUsers(dialect),
    // "2026-11-27b" sorts after every "2026-11-27-…" name: Kysely applies migrations in name order.
    "2026-11-27b-read-paths": readPaths(dialect),
    "2026-11-27c-rollup-feedback": rollupFeedback(dialect),
    "2026-11-27d-feedback-by-model": feedbackByModel(dialect),
    "2026-11-27e-minute-totals": minuteTotals(dialect),
    "2026-11-27f-rollup-fillfactor": rollupFillfactor(dialect),
    "2026-11-27g-error-messages": errorMessages(dialect),
    "2026-11-27h-reliability-hourly": reliabilityHourly(dialect),
    "2026-11-27i-user-blocks": userBlocks(dialect),
    "2026-11-27i-user-feedback-index": userFeedbackIndex(),
    "2026-11-27j-reliability-daily": reliabilityDaily(dialect),
  };
}
