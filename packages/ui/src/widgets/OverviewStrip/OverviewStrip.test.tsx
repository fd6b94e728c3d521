import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { seededServer, TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { OverviewStrip } from "./OverviewStrip.js";

const lastWeek = seedLastDays(7);
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const seconds = new Intl.NumberFormat("en-US", { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 });
const twoDigits = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** label → value text of each figure of the strip. */
function figures(container: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const stat of container.querySelectorAll(".pm-stat")) {
    out[stat.querySelector(".pm-stat-label")?.textContent ?? ""] = stat.querySelector(".pm-stat-value")?.textContent ?? "";
  }
  return out;
}

describe("OverviewStrip", () => {
  it("shows kpi.overview's six key figures with deltas against the previous week", async () => {
    const a = await liveClient().kpi.overview.query({ range: lastWeek, compare: true });
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <OverviewStrip />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect
      .poll(() => figures(screen.container))
      .toEqual({
        Requests: integer.format(a.requests),
        "Error rate": percent.format(a.errorRate as number),
        Spend: usd.format(a.costUsd),
        "p95 latency": seconds.format((a.latency.p95 as number) / 1000),
        Users: integer.format(a.uniqueUsers),
        "Feedback score": twoDigits.format(a.feedback.avgScore as number),
      });
    expect(screen.container.querySelectorAll(".pm-stat-delta")).toHaveLength(6);
    const requestsChange = (a.requests - (a.previous?.requests as number)) / (a.previous?.requests as number);
    expect(screen.container.querySelector(".pm-stat-delta")?.textContent).toContain(percent.format(Math.abs(requestsChange)));
  });

  it("shows the figures asked for, in that order", async () => {
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <OverviewStrip metrics={["rescueRate", "tokens"]} compare={false} title="Health" />
      </TestProvider>,
    );
    await expect.poll(() => Object.keys(figures(screen.container))).toEqual(["Rescue rate", "Tokens"]);
    expect(screen.container.querySelectorAll(".pm-stat-delta")).toHaveLength(0);
  });

  it("says once that the previous period had no data", async () => {
    const screen = await render(
      <TestProvider>
        <OverviewStrip />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No data in the previous period")).toBeVisible();
  });

  it("shows the empty state for a range without requests, and Retry refetches after an error", async () => {
    const empty = await render(
      <TestProvider defaultFilters={{ model: "no-such-model" }}>
        <OverviewStrip />
      </TestProvider>,
    );
    await expect.element(empty.getByText("No requests in this range")).toBeVisible();
    await empty.unmount();

    const { client, heal } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <OverviewStrip />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("button", { name: "Retry" })).toBeVisible();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(() => figures(screen.container).Requests).toBe(integer.format(seededServer().counts.events));
  });
});
