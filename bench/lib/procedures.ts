import { appRouter } from "../../packages/server/src/router.js";

/** A `kpi.*` procedure found in the router at run time, with the input the benchmark calls it with. */
export interface KpiProcedure {
  /** Full path, e.g. `kpi.overview`. */
  path: string;
  /** Name within kpi, e.g. `overview`. */
  name: string;
  input: Record<string, unknown>;
}

type ZodLike = { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } };
type ZodDef = { type: string; innerType?: unknown; in?: unknown; shape?: Record<string, unknown>; entries?: Record<string, string> };

function defOf(schema: unknown): ZodDef | undefined {
  return (schema as { _zod?: { def?: ZodDef } })._zod?.def;
}

/** A value for a required field the common KpiQuery does not have: an enum's first option, else a plain default. */
function sampleValue(schema: unknown): unknown {
  const def = defOf(schema);
  if (!def) return undefined;
  switch (def.type) {
    case "enum":
      return Object.values(def.entries ?? {})[0];
    case "number":
      return 10;
    case "boolean":
      return false;
    case "string":
      return "x";
    case "pipe":
      return sampleValue(def.in);
    case "nullable":
      return null;
    default:
      return def.innerType === undefined ? undefined : sampleValue(def.innerType);
  }
}

function shapeOf(schema: unknown): Record<string, unknown> {
  const def = defOf(schema);
  if (!def) return {};
  if (def.type === "object") return (schema as { shape: Record<string, unknown> }).shape;
  if (def.type === "pipe") return shapeOf(def.in);
  return {};
}

/**
 * Every `kpi.*` query registered in `appRouter` right now, each with a valid input over `range`:
 * the common KpiQuery fields, plus a sample value for any extra field its schema requires.
 */
export function kpiProcedures(range: { from: number; to: number }): KpiProcedure[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: { type: string; inputs: unknown[] } }> })
    .procedures;
  const found: KpiProcedure[] = [];
  for (const [path, procedure] of Object.entries(procedures)) {
    if (!path.startsWith("kpi.") || procedure._def.type !== "query") continue;
    const input: Record<string, unknown> = { range: { from: range.from, to: range.to }, timezone: "UTC", bucket: "auto" };
    const schema = procedure._def.inputs[0] as ZodLike | undefined;
    if (schema) {
      const first = schema.safeParse(input);
      if (!first.success) {
        const shape = shapeOf(schema);
        for (const issue of first.error?.issues ?? []) {
          const field = issue.path[0];
          if (typeof field === "string" && !(field in input)) input[field] = sampleValue(shape[field]);
        }
        const second = schema.safeParse(input);
        if (!second.success) {
          console.warn(`  ${path}: skipped, no valid input found (${second.error?.issues.map((i) => i.message).join("; ")})`);
          continue;
        }
      }
    }
    found.push({ path, name: path.slice("kpi.".length), input });
  }
  return found;
}

/** Calls a procedure by path on a tRPC caller. */
export function callProcedure(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}
