import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { seededServer, TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { KpiTile } from "./KpiTile.js";

const lastWeek = seedLastDays(7);
const seconds = new Intl.NumberFormat("en-US", { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

function text(container: HTMLElement, selector: string): string | null | undefined {
  return container.querySelector(selector)?.textContent;
}

describe("KpiTile", () => {
  it("shows kpi.overview's p95 latency and its error rate with the change against the previous week", async () => {
    const answer = await liveClient().kpi.overview.query({ range: lastWeek, compare: true });
    const current = answer.errorRate as number;
    const previous = answer.previous?.errorRate as number;
    expect(current).not.toBe(previous);
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <KpiTile metric="latencyP95" />
        <KpiTile metric="errorRate" className="error-tile" />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("heading", { name: "p95 latency" })).toBeVisible();
    await expect.poll(() => text(screen.container, ".pm-stat-value")).toBe(seconds.format((answer.latency.p95 as number) / 1000));
    const tile = ".error-tile";
    await expect.poll(() => text(screen.container, `${tile} .pm-stat-value`)).toBe(percent.format(current));
    const change = Math.abs((current - previous) / previous);
    const word = current > previous ? "up" : "down";
    expect(text(screen.container, `${tile} .pm-stat-delta`)).toContain(`${word} ${percent.format(change)}`);
    expect(text(screen.container, `${tile} .pm-stat-delta`)).toContain(`(${percent.format(previous)})`);
    // More errors is bad news.
    expect(screen.container.querySelector(`${tile} .pm-stat-delta`)?.className).toContain(word === "up" ? "pm-tone-bad" : "pm-tone-good");
  });

  it("shows the spend over priced requests and says how many requests had no price", async () => {
    const answer = await liveClient().kpi.overview.query({ range: lastWeek });
    expect(answer.unpricedRequests).toBeGreaterThan(0);
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <KpiTile metric="costUsd" compare={false} title="Spend this week" />
      </TestProvider>,
    );
    await expect.poll(() => text(screen.container, ".pm-stat-value")).toBe(usd.format(answer.costUsd));
    await expect
      .element(screen.getByText(`${answer.unpricedRequests.toLocaleString("en-US")} unpriced requests not included`))
      .toBeVisible();
    await expect.element(screen.getByRole("heading", { name: "Spend this week" })).toBeVisible();
    expect(screen.container.querySelector(".pm-stat-delta")).toBeNull();
  });

  it("says there is nothing to compare with when the previous period had no traffic", async () => {
    // The whole seed: the 14 days before it are empty.
    const screen = await render(
      <TestProvider>
        <KpiTile metric="errorRate" />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No data in the previous period")).toBeVisible();
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <KpiTile metric="requests" range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range")).toBeVisible();
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <KpiTile metric="requests" />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect
      .poll(() => text(screen.container, ".pm-stat-value"))
      .toBe(new Intl.NumberFormat("en-US").format(seededServer().counts.events));
    expect(calls()).toBeGreaterThan(before);
  });
});
