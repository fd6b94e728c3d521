import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { CostCard } from "./CostCard.js";

const lastWeek = seedLastDays(7);
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdSmall = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

function statValue(root: Element, label: string): string | null | undefined {
  const stat = [...root.querySelectorAll(".pm-stat")].find((s) => s.querySelector(".pm-stat-label")?.textContent === label);
  return stat?.querySelector(".pm-stat-value")?.textContent;
}

describe("CostCard", () => {
  it("shows kpi.cost's total, its change, the month's projection and the unpriced requests", async () => {
    const answer = await liveClient().kpi.cost.query({ range: lastWeek, compare: true });
    const previous = answer.previous?.total as number;
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <CostCard />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "In this range")).toBe(usd.format(answer.total));
    const delta = screen.container.querySelector(".pm-stat-delta")?.textContent ?? "";
    expect(delta).toContain(`${answer.total > previous ? "up" : "down"} ${percent.format(Math.abs(answer.total - previous) / previous)}`);
    expect(delta).toContain(`(${usd.format(previous)})`);
    await expect.element(screen.getByText(`${usdSmall.format(answer.perRequest as number)} per priced request`)).toBeVisible();
    // The forecast's month is November in UTC.
    expect(statValue(screen.container, "Projected for November")).toBe(usd.format(answer.forecast.projectedMonth));
    expect(answer.unpricedRequests).toBeGreaterThan(0);
    await expect
      .element(screen.getByText(`${answer.unpricedRequests} requests use models without a known price`, { exact: false }))
      .toBeVisible();
    // The seeded project has no budget: no bar.
    expect(answer.forecast.budgetUsd).toBeNull();
    expect(screen.container.querySelector(".pm-budget")).toBeNull();
  });

  it("draws the month's spend against a budget", async () => {
    const answer = await liveClient().kpi.cost.query({ range: lastWeek });
    const { monthToDate, projectedMonth } = answer.forecast;
    const budget = Math.round(monthToDate + (projectedMonth - monthToDate) / 2);
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <CostCard budgetUsd={budget} />
      </TestProvider>,
    );
    await expect
      .element(screen.getByText(`${usd.format(monthToDate)} of ${usd.format(budget)} (${percent.format(monthToDate / budget)})`))
      .toBeVisible();
    await expect.element(screen.getByText(`Projected ${usd.format(projectedMonth - budget)} over budget`)).toBeVisible();
    // The projection overshoots: the bar is as long as the projection, the budget mark inside it.
    const mark = screen.container.querySelector(".pm-budget-mark") as HTMLElement;
    expect(Number.parseFloat(mark.style.left)).toBeCloseTo((budget / projectedMonth) * 100, 3);
  });

  it("opens the sparkline's tooltip with the keyboard", async () => {
    const answer = await liveClient().kpi.cost.query({ range: lastWeek });
    const last = answer.series.at(-1) as { t: string; costUsd: number };
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <button type="button">before</button>
        <CostCard />
      </TestProvider>,
    );
    const chart = screen.getByRole("slider", { name: "Spend per bucket" });
    await expect.element(chart).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "before" }));
    await userEvent.tab();
    await expect.element(chart).toHaveFocus();
    const tooltip = screen.getByTestId("pm-tooltip");
    await expect.element(tooltip).toHaveTextContent(day.format(new Date(last.t)));
    await expect.element(tooltip).toHaveTextContent(usd.format(last.costUsd));
  });

  it("shows the empty state for a range without requests, and Retry refetches after an error", async () => {
    const empty = await render(
      <TestProvider defaultFilters={{ model: "no-such-model" }}>
        <CostCard />
      </TestProvider>,
    );
    await expect.element(empty.getByText("No requests in this range")).toBeVisible();
    await empty.unmount();

    const { client, heal } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <CostCard />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(() => statValue(screen.container, "In this range")).toMatch(/^\$[\d,]+\.\d\d$/);
  });
});
