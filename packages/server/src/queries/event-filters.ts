import type { Filters } from "@promptmeter/schema";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../db/tables.js";

/** LIKE pattern that matches a JSON-encoded string exactly inside the events.tags JSON array. */
export function tagPattern(tag: string): string {
  return `%${JSON.stringify(tag).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** WHERE conditions on `events` for a project, a time interval and the KPI filters. */
export function eventConditions(
  eb: ExpressionBuilder<Database, "events">,
  projectId: string,
  from: number,
  to: number,
  filters: Filters,
): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [eb("events.project_id", "=", projectId), eb("events.ts", ">=", from), eb("events.ts", "<", to)];
  if (filters.model !== undefined) conds.push(eb("events.model", "=", filters.model));
  if (filters.provider !== undefined) conds.push(eb("events.provider", "=", filters.provider));
  if (filters.userId !== undefined) conds.push(eb("events.user_id", "=", filters.userId));
  if (filters.environment !== undefined) conds.push(eb("events.environment", "=", filters.environment));
  if (filters.feature !== undefined) conds.push(eb("events.feature", "=", filters.feature));
  if (filters.release !== undefined) conds.push(eb("events.release", "=", filters.release));
  if (filters.status !== undefined) conds.push(eb("events.status", "=", filters.status));
  for (const tag of filters.tags ?? []) conds.push(sql<SqlBool>`events.tags LIKE ${tagPattern(tag)} ESCAPE '\\'`);
  return eb.and(conds);
}

/** WHERE conditions on `rollup_hourly` for a project, an hour-aligned interval and the filters it can honour. */
export function rollupConditions(
  eb: ExpressionBuilder<Database, "rollup_hourly">,
  projectId: string,
  from: number,
  to: number,
  filters: Filters,
): Expression<SqlBool> {
  return rollupTableConditions(eb as ExpressionBuilder<any, any>, "rollup_hourly", projectId, from, to, filters);
}

/** The same conditions on either time rollup: `rollup_hourly` (by `hour`) or `rollup_daily` (by `day`). */
export function rollupTableConditions(
  eb: ExpressionBuilder<any, any>,
  table: "rollup_hourly" | "rollup_daily",
  projectId: string,
  from: number,
  to: number,
  filters: Filters,
): Expression<SqlBool> {
  const time = table === "rollup_hourly" ? "hour" : "day";
  const conds: Expression<SqlBool>[] = [
    eb(`${table}.project_id`, "=", projectId),
    eb(`${table}.${time}`, ">=", from),
    eb(`${table}.${time}`, "<", to),
  ];
  if (filters.model !== undefined) conds.push(eb(`${table}.model`, "=", filters.model));
  if (filters.provider !== undefined) conds.push(eb(`${table}.provider`, "=", filters.provider));
  if (filters.environment !== undefined) conds.push(eb(`${table}.environment`, "=", filters.environment));
  if (filters.feature !== undefined) conds.push(eb(`${table}.feature`, "=", filters.feature));
  if (filters.release !== undefined) conds.push(eb(`${table}.release`, "=", filters.release));
  if (filters.status !== undefined) conds.push(eb(`${table}.status`, "=", filters.status));
  return eb.and(conds);
}
