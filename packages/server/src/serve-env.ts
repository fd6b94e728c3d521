import type { PromptmeterOptions } from "./create-promptmeter.js";

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The `promptmeter serve` options read from the environment (README, Configuration). */
export function serveOptionsFromEnv(env: NodeJS.ProcessEnv): Omit<PromptmeterOptions, "db"> {
  return {
    ...(env.PROMPTMETER_ADMIN_TOKEN ? { adminToken: env.PROMPTMETER_ADMIN_TOKEN } : {}),
    redact: env.PROMPTMETER_REDACT === "1" || env.PROMPTMETER_REDACT === "true",
    cors: { trpc: list(env.PROMPTMETER_CORS_ORIGINS), v1: list(env.PROMPTMETER_CORS_INGEST_ORIGINS) },
  };
}
