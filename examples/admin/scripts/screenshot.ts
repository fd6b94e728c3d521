/**
 * Regenerates the README screenshots: seeds a temporary demo database, serves the built example
 * app, and captures the Monitoring page in light and dark. Run: npm run screenshot
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { startDemo } from "../server/start-demo.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2] ?? fileURLToPath(new URL("../../../docs", import.meta.url));
const height = Number(process.env.SHOT_HEIGHT ?? 1800);

await build({ root, logLevel: "error" });
const dir = mkdtempSync(join(tmpdir(), "pm-shot-"));
const demo = await startDemo({ db: join(dir, "demo.db"), port: 0, host: "127.0.0.1", events: 200_000 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  for (const scheme of ["light", "dark"] as const) {
    const page = await browser.newPage({ viewport: { width: 1440, height }, colorScheme: scheme, deviceScaleFactor: 1 });
    await page.goto(`${demo.url}monitoring`);
    await page.waitForFunction(
      () =>
        document.querySelectorAll("section.pm-card").length >= 20 &&
        document.querySelectorAll('section.pm-card[aria-busy="true"]').length === 0,
      undefined,
      { timeout: 120_000 },
    );
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `monitoring-${scheme}.png`), clip: { x: 0, y: 0, width: 1440, height } });
    await page.screenshot({ path: join(out, `monitoring-${scheme}-full.png`), fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`screenshots written to ${out}`);
