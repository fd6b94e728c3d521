/**
 * End to end, as a user sees it: the demo server over a freshly seeded database, the built example
 * admin app, and the Monitoring page in headless Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page, type Response as PwResponse } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDemo, startDemo } from "../server/start-demo.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const artifacts = join(root, "test-results");

let demo: RunningDemo;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  await build({ root, logLevel: "error" });
  dir = mkdtempSync(join(tmpdir(), "pm-e2e-"));
  demo = await startDemo({ db: join(dir, "demo.db"), port: 0, host: "127.0.0.1", events: 20_000 });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Watch {
  consoleErrors: string[];
  failed: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { consoleErrors: [], failed: [] };
  page.on("console", (m) => {
    if (m.type() === "error") w.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => w.consoleErrors.push(e.message));
  page.on("requestfailed", (r) => w.failed.push(`${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) w.failed.push(`${r.status()} ${r.url()}`);
  });
  return w;
}

/** Every widget card has left its loading state (and at least `min` cards are on the page). */
async function settled(page: Page, min: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll("section.pm-card").length >= n &&
      document.querySelectorAll('section.pm-card[aria-busy="true"]').length === 0,
    min,
    { timeout: 60_000 },
  );
}

/** The answer of one procedure inside a batched tRPC GET, read off the network as the page got it. */
async function procedureAnswer(response: PwResponse, procedure: string): Promise<unknown> {
  const url = new URL(response.url());
  const paths = url.pathname.split("/trpc/")[1]?.split(",") ?? [];
  const index = paths.indexOf(procedure);
  const body = (await response.json()) as { result?: { data: unknown } }[] | { result?: { data: unknown } };
  const items = Array.isArray(body) ? body : [body];
  return items[index]?.result?.data;
}

function isProcedure(r: PwResponse, procedure: string): boolean {
  const url = r.url();
  return url.includes("/promptmeter/trpc/") && (url.split("/trpc/")[1] ?? "").split("?")[0]!.split(",").includes(procedure);
}

const WIDGET_COUNT = 20;

describe("the Monitoring page", () => {
  it("shows every widget with data, no console errors and no failed requests", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const w = watch(page);
    const overview = page.waitForResponse((r) => isProcedure(r, "kpi.overview"));
    await page.goto(`${demo.url}monitoring`);
    await settled(page, WIDGET_COUNT);
    expect(await page.locator(".pm-state-error").count()).toBe(0);

    const answer = (await procedureAnswer(await overview, "kpi.overview")) as { requests: number };
    expect(answer.requests).toBeGreaterThan(0);
    // The request count the page shows is the one the server answered, in the page's en-US format.
    const shown = (await page.locator("main").textContent()) ?? "";
    const formats = [
      new Intl.NumberFormat("en-US").format(answer.requests),
      new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(answer.requests),
    ];
    expect(formats.some((f) => shown.includes(f))).toBe(true);

    await page.screenshot({ path: join(artifacts, "monitoring.png"), fullPage: true });
    expect(w.consoleErrors).toEqual([]);
    expect(w.failed).toEqual([]);
    await page.close();
  });

  it("updates the widgets when the time range and a filter change", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watch(page);
    await page.goto(`${demo.url}monitoring`);
    await settled(page, WIDGET_COUNT);

    const wider = page.waitForResponse((r) => isProcedure(r, "kpi.overview") && decodeURIComponent(r.url()).includes('"last":"90d"'));
    await page.getByLabel("Last 90 days").check();
    const month = (await procedureAnswer(await wider, "kpi.overview")) as { requests: number };
    await settled(page, WIDGET_COUNT);
    // 90 days hold the whole 30-day dataset: every seeded event.
    expect(month.requests).toBe(20_000);
    await expect
      .poll(async () => (await page.locator("main").textContent()) ?? "", { timeout: 10_000 })
      .toContain(new Intl.NumberFormat("en-US").format(20_000));

    const errorsOnly = page.waitForResponse(
      (r) => isProcedure(r, "kpi.overview") && decodeURIComponent(r.url()).includes('"status":"error"'),
    );
    await page.getByLabel("Status").first().selectOption("error");
    const failed = (await procedureAnswer(await errorsOnly, "kpi.overview")) as { requests: number; errorRate: number };
    await settled(page, WIDGET_COUNT);
    expect(failed.errorRate).toBe(1);
    expect(failed.requests).toBeLessThan(month.requests);
    await expect
      .poll(async () => (await page.locator("main").textContent()) ?? "", { timeout: 10_000 })
      .toContain(new Intl.NumberFormat("en-US").format(failed.requests));

    expect(w.consoleErrors).toEqual([]);
    expect(w.failed).toEqual([]);
    await page.close();
  });

  it("embeds widgets piece by piece beside the host's own content", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watch(page);
    await page.goto(`${demo.url}assistant`);
    await settled(page, 3);
    await expect.poll(() => page.getByRole("heading", { name: "Configuration" }).count()).toBe(1);
    expect(await page.locator(".pm-state-error").count()).toBe(0);
    await page.screenshot({ path: join(artifacts, "assistant.png"), fullPage: true });
    expect(w.consoleErrors).toEqual([]);
    expect(w.failed).toEqual([]);
    await page.close();
  });
});
