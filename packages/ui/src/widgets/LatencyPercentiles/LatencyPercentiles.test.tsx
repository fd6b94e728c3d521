import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { SEED_END, seedLastDays } from "../../../test/seed-range.js";
import { LatencyPercentiles } from "./LatencyPercentiles.js";

const lastWeek = seedLastDays(7);
const ms = new Intl.NumberFormat("en-US", { style: "unit", unit: "millisecond", unitDisplay: "short", maximumFractionDigits: 0 });
const sec = new Intl.NumberFormat("en-US", { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 });
const duration = (value: number) => (value < 1000 ? ms.format(value) : sec.format(value / 1000));
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const time = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC" });

function statValue(root: Element, label: string): string | null | undefined {
  const stat = [...root.querySelectorAll(".pm-stat")].find((s) => s.querySelector(".pm-stat-label")?.textContent === label);
  return stat?.querySelector(".pm-stat-value")?.textContent;
}

describe("LatencyPercentiles", () => {
  it("shows kpi.latency's percentiles and time to first token", async () => {
    const a = await liveClient().kpi.latency.query({ range: lastWeek, compare: true });
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <LatencyPercentiles />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "p95")).toBe(duration(a.p95 as number));
    expect(statValue(screen.container, "p50")).toBe(duration(a.p50 as number));
    expect(statValue(screen.container, "p99")).toBe(duration(a.p99 as number));
    const ttft = screen.container.querySelector(".pm-inline-figures")?.textContent;
    expect(ttft).toContain(`p50 ${duration(a.ttft.p50 as number)}`);
    expect(ttft).toContain(`p95 ${duration(a.ttft.p95 as number)}`);
    expect(ttft).toContain(`over ${integer.format(a.ttft.count)} streamed requests`);
    // p50 moved between the two weeks: its delta is shown against the previous value.
    expect(screen.container.querySelector(".pm-stat-delta")?.textContent).toContain(`(${duration(a.previous?.p50 as number)})`);
  });

  it("leaves minutes without traffic as gaps, read as a dash", async () => {
    const lastHour = { from: new Date(Date.parse(SEED_END) - 3_600_000).toISOString(), to: SEED_END };
    const a = await liveClient().kpi.latency.query({ range: lastHour });
    const gap = a.series.findIndex((p) => p.p95 === null);
    expect(gap).toBeGreaterThanOrEqual(0);
    const screen = await render(
      <TestProvider defaultRange={lastHour}>
        <LatencyPercentiles />
      </TestProvider>,
    );
    const chart = screen.getByRole("slider", { name: "Latency percentiles per minute" });
    await expect.element(chart).toBeVisible();
    (chart.element() as HTMLElement).focus();
    await userEvent.keyboard("{Home}");
    for (let i = 0; i < gap; i++) await userEvent.keyboard("{ArrowRight}");
    const point = a.series[gap] as (typeof a.series)[number];
    await expect.element(chart).toHaveAttribute("aria-valuetext", `${time.format(new Date(point.t))}: p50 —, p95 —, p99 —`);
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent("p95—");
  });

  it("shows the empty state for a range without requests, and Retry refetches after an error", async () => {
    const empty = await render(
      <TestProvider defaultFilters={{ model: "no-such-model" }}>
        <LatencyPercentiles />
      </TestProvider>,
    );
    await expect.element(empty.getByText("No requests in this range")).toBeVisible();
    await empty.unmount();

    const { client, heal } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <LatencyPercentiles />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("slider", { name: "Latency percentiles per day" })).toBeVisible();
  });
});
