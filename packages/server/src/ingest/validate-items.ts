import type { Rejection } from "@promptmeter/schema";
import type { z } from "zod";

/** Max issues reported per item: enough to fix it, bounded so a hostile batch can't bloat the answer. */
const MAX_ISSUES_PER_ITEM = 5;

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) return "is required";
  return issue.message;
}

/** Validates each item on its own so one bad item never sinks its siblings. */
export function validateItems<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  rootName: string,
): { valid: { index: number; value: z.output<S> }[]; rejected: Rejection[] } {
  const valid: { index: number; value: z.output<S> }[] = [];
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
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
