import { defineConfig } from "vitest/config";

/** One run for every package; each package's own config names its environment (node or browser). */
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "examples/*/vitest.config.ts"],
  },
});
