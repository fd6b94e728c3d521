import { type ErrorType, errorTypeFromHttpStatus, errorTypeFromName, LIMITS } from "@promptmeter/schema";

export interface ErrorFacts {
  errorType: ErrorType;
  errorMessage?: string;
  httpStatus?: number;
}

/** Error codes more precise than the HTTP status they come with (400 covers both). */
const PRECISE: ReadonlySet<ErrorType> = new Set(["context_length", "content_filter"]);

/**
 * SPEC error type, message and status of whatever the OpenAI SDK threw. Read from the status
 * and the class name rather than `instanceof`, so an app that loads `openai` as CommonJS
 * while this module loads it as ESM (two copies of every class) is still classified.
 */
export function errorFacts(error: unknown): ErrorFacts {
  const e = (typeof error === "object" && error !== null ? error : {}) as { status?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.status === "number" && e.status >= 100 && e.status <= 599 ? e.status : undefined;
  const code = typeof e.code === "string" ? e.code : undefined;
  const className = (error as { constructor?: { name?: string } } | null)?.constructor?.name ?? "";
  const fromCode = code === undefined ? undefined : errorTypeFromName(code);
  let errorType: ErrorType;
  if (fromCode !== undefined && PRECISE.has(fromCode)) errorType = fromCode;
  else if (status !== undefined) errorType = errorTypeFromHttpStatus(status) ?? "other";
  else errorType = errorTypeFromName(`${className} ${code ?? ""}`);
  const message = typeof e.message === "string" ? e.message : String(error);
  const facts: ErrorFacts = { errorType, errorMessage: message.slice(0, LIMITS.errorMessageLength) };
  if (status !== undefined) facts.httpStatus = status;
  return facts;
}
