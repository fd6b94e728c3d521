const LONE_SURROGATE = /\p{Cs}/u;

function unstorable(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text);
}

/**
 * The dotted path of the first string (or object key) in `value` that no text column can hold
 * as sent: a NUL (PostgreSQL rejects it) or a lone surrogate (stored as U+FFFD). Null when none.
 * Iterative, so hostile nesting cannot exhaust the stack.
 */
export function unstorableTextPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, path] = top;
    if (typeof v === "string") {
      if (unstorable(v)) return path || "input";
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    for (const [key, child] of Object.entries(v)) {
      const childPath = path ? `${path}.${key}` : key;
      if (unstorable(key)) return childPath;
      stack.push([child, childPath]);
    }
  }
  return null;
}
