import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineProject } from "vitest/config";

const storybookConfigDir = fileURLToPath(new URL("../../.storybook", import.meta.url));
// Storybook's Vite config roots the project at the repository; tests are found from this package instead.
const packageDir = fileURLToPath(new URL(".", import.meta.url));

/** Debian's Chromium (STACK.md): nothing downloads a browser on this project's machines. */
const chromium = playwright({
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
});

/**
 * One browser project, two instances: `ui` runs the component and unit tests (src/**\/*.test.ts(x)),
 * `ui-storybook` runs every story as a test with axe. Both talk over HTTP to the seeded server that
 * test/global-setup.ts starts in Node.
 */
export default defineProject({
  plugins: [react(), storybookTest({ configDir: storybookConfigDir, storybookScript: undefined })],
  resolve: { conditions: ["source", ...defaultClientConditions] },
  // The global setup's server runs from the workspace's TypeScript sources, never from a stale dist/.
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
  // Vitest loads the global setup in this Node environment: the seeded server runs from the workspace's
  // TypeScript sources, never from a stale dist/.
  environments: { __vitest__: { resolve: { conditions: ["source", ...defaultServerConditions] } } },
  // Everything pre-bundled up front: a dependency discovered mid-run re-optimizes and reloads the page,
  // which fails the first run on a fresh clone. vitest-browser-react must load through Vitest's runner.
  optimizeDeps: {
    exclude: ["vitest-browser-react"],
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "react/jsx-dev-runtime",
      "@tanstack/react-query",
      "@trpc/client",
      "@trpc/tanstack-react-query",
      "@visx/curve",
      "@visx/group",
      "@visx/responsive",
      "@visx/scale",
      "@visx/shape",
    ],
  },
  test: {
    name: "ui-browser",
    dir: packageDir,
    globalSetup: [fileURLToPath(new URL("./test/global-setup.ts", import.meta.url))],
    server: { deps: { inline: ["@promptmeter/server", "@promptmeter/schema"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A dashboard of twenty widgets on a busy 2-core CI machine takes seconds, not vitest's default 1 s.
    expect: { poll: { timeout: 15_000 } },
    browser: {
      enabled: true,
      headless: true,
      provider: chromium,
      viewport: { width: 1024, height: 768 },
      instances: [
        { browser: "chromium", name: "ui", include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"] },
        { browser: "chromium", name: "ui-storybook" },
      ],
    },
  },
});
