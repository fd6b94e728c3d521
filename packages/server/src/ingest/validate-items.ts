import type { Rejection } from "@promptmeter/schema";
import type { z } from "zod";

/** Max issues reported per item: enough to fix it, bounded so a hostile batch can't bloat the answer. */
const MAX_ISSUES_PER_ITEM = 5;

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) return "is required";
  // zod reports a bad record key as "Invalid key in record"; say which key and which rule.
  if (issue.code === "invalid_key" && issue.issues[0])
    return `key ${JSON.stringify(String(issue.input).slice(0, 40))}: ${issue.issues[0].message}`;
  return issue.message;
}

/**
 * Validates each item on its own so one bad item never sinks its siblings. `fast`, when given,
 * returns the schema's output for items it can vouch for by hand (undefined otherwise); the
 * schema judges the rest and words every rejection.
 */
export function validateItems<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  rootName: string,
  fast?: (item: unknown) => z.output<S> | undefined,
): { valid: { index: number; value: z.output<S> }[]; rejected: Rejection[] } {
  const valid: { index: number; value: z.output<S> }[] = [];
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    if (fast) {
      let value: z.output<S> | undefined;
      try {
        value = fast(item);
      } catch {
        // Whatever made the fast path throw is the schema's to judge.
      }
      if (value !== undefined) {
        valid.push({ index, value });
        return;
      }
    }
    let result: z.ZodSafeParseResult<z.output<S>>;
    try {
      result = schema.safeParse(item);
    } catch {
      // A check that throws (say, on input shaped to exhaust the stack) rejects its item, never the batch.
      rejected.push({ index, path: rootName, message: "could not be validated" });
      return;
    }
    if (result.success) {
      valid.push({ index, value: result.data });
      return;
    }
    for (const issue of result.error.issues.slice(0, MAX_ISSUES_PER_ITEM)) {
      rejected.push({ index, path: issue.path.length > 0 ? issue.path.map(String).join(".") : rootName, message: describe(issue) });
    }
  });
  return { valid, rejected };
}
