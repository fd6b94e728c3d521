import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { SuccessRate } from "./SuccessRate.js";

const lastWeek = seedLastDays(7);
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

describe("SuccessRate", () => {
  it("shows the share of kpi.throughput's requests that succeeded, with its change and the failures", async () => {
    const a = await liveClient().kpi.throughput.query({ range: lastWeek, compare: true });
    const previous = a.previous as NonNullable<typeof a.previous>;
    const rate = a.success / a.requests;
    const previousRate = previous.success / previous.requests;
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <SuccessRate />
      </TestProvider>,
    );
    await expect.poll(() => screen.container.querySelector(".pm-stat-value")?.textContent).toBe(percent.format(rate));
    const delta = screen.container.querySelector(".pm-stat-delta")?.textContent ?? "";
    expect(delta).toContain(`${rate > previousRate ? "up" : "down"} ${percent.format(Math.abs(rate - previousRate) / previousRate)}`);
    expect(delta).toContain(`(${percent.format(previousRate)})`);
    await expect.element(screen.getByText(`${integer.format(a.error)} of ${integer.format(a.requests)} failed`)).toBeVisible();
  });

  it("reads each day's rate with the keyboard", async () => {
    const a = await liveClient().kpi.throughput.query({ range: lastWeek });
    const last = a.series.at(-1) as (typeof a.series)[number];
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <SuccessRate />
      </TestProvider>,
    );
    const chart = screen.getByRole("slider", { name: "Success rate per day" });
    await expect.element(chart).toBeVisible();
    (chart.element() as HTMLElement).focus();
    await expect
      .element(chart)
      .toHaveAttribute("aria-valuetext", `${day.format(new Date(last.t))}: Success rate ${percent.format(last.success / last.requests)}`);
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent(percent.format(last.success / last.requests));
  });

  it("shows the empty state for a range without requests, and Retry refetches after an error", async () => {
    const empty = await render(
      <TestProvider defaultFilters={{ model: "no-such-model" }}>
        <SuccessRate />
      </TestProvider>,
    );
    await expect.element(empty.getByText("No requests in this range")).toBeVisible();
    await empty.unmount();

    const { client, heal } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <SuccessRate />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("slider", { name: "Success rate per day" })).toBeVisible();
  });
});
