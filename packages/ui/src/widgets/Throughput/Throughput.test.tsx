import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { Throughput } from "./Throughput.js";

const lastWeek = seedLastDays(7);
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const twoDigits = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const minute = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC" });

function statValue(root: Element, label: string): string | null | undefined {
  const stat = [...root.querySelectorAll(".pm-stat")].find((s) => s.querySelector(".pm-stat-label")?.textContent === label);
  return stat?.querySelector(".pm-stat-value")?.textContent;
}

describe("Throughput", () => {
  it("shows kpi.throughput's requests with their change, failures, and mean and peak per minute", async () => {
    const a = await liveClient().kpi.throughput.query({ range: lastWeek, compare: true });
    const previous = a.previous?.requests as number;
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <Throughput />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "Requests")).toBe(integer.format(a.requests));
    expect(screen.container.querySelector(".pm-stat-delta")?.textContent).toContain(
      percent.format(Math.abs(a.requests - previous) / previous),
    );
    await expect.element(screen.getByText(`${integer.format(a.error)} failed (${percent.format(a.error / a.requests)})`)).toBeVisible();
    expect(statValue(screen.container, "Mean")).toBe(`${twoDigits.format(a.meanPerMinute)}/min`);
    expect(statValue(screen.container, "Peak")).toBe(`${twoDigits.format(a.peakPerMinute)}/min`);
    await expect.element(screen.getByText(`at ${minute.format(new Date(a.peakMinute as string))}`)).toBeVisible();
  });

  it("reads each day's successes and failures with the keyboard", async () => {
    const a = await liveClient().kpi.throughput.query({ range: lastWeek });
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <Throughput />
      </TestProvider>,
    );
    const chart = screen.getByRole("slider", { name: "Requests per day by outcome" });
    await expect.element(chart).toBeVisible();
    (chart.element() as HTMLElement).focus();
    await userEvent.keyboard("{Home}{ArrowRight}");
    const second = a.series[1] as (typeof a.series)[number];
    await expect
      .element(chart)
      .toHaveAttribute(
        "aria-valuetext",
        `${day.format(new Date(second.t))}: Success ${integer.format(second.success)}, Error ${integer.format(second.error)}`,
      );
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent(`Error${integer.format(second.error)}`);
  });

  it("shows the empty state for a range without requests, and Retry refetches after an error", async () => {
    const empty = await render(
      <TestProvider defaultFilters={{ model: "no-such-model" }}>
        <Throughput />
      </TestProvider>,
    );
    await expect.element(empty.getByText("No requests in this range")).toBeVisible();
    await empty.unmount();

    const { client, heal } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <Throughput />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("slider", { name: "Requests per day by outcome" })).toBeVisible();
  });
});
