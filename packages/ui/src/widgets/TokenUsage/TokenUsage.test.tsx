import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { TokenUsage } from "./TokenUsage.js";

const lastWeek = seedLastDays(7);
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

function statValue(root: Element, label: string): string | null | undefined {
  const stat = [...root.querySelectorAll(".pm-stat")].find((s) => s.querySelector(".pm-stat-label")?.textContent === label);
  return stat?.querySelector(".pm-stat-value")?.textContent;
}

describe("TokenUsage", () => {
  it("shows kpi.tokens' total with its change, per-request averages and the cache read share", async () => {
    const a = await liveClient().kpi.tokens.query({ range: lastWeek, compare: true });
    const total = a.totals.input + a.totals.output;
    const previous = (a.previous?.totals.input ?? 0) + (a.previous?.totals.output ?? 0);
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <TokenUsage />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "Input + output")).toBe(compact.format(total));
    expect(screen.container.querySelector(".pm-stat-delta")?.textContent).toContain(percent.format(Math.abs(total - previous) / previous));
    expect(statValue(screen.container, "Per request")).toBe(`${integer.format(a.avgInputPerRequest as number)} in`);
    await expect.element(screen.getByText(`${integer.format(a.avgOutputPerRequest as number)} out`)).toBeVisible();
    expect(statValue(screen.container, "Cache read share")).toBe(percent.format(a.cacheReadShare as number));
  });

  it("stacks disjoint token kinds per day, read with the keyboard", async () => {
    const a = await liveClient().kpi.tokens.query({ range: lastWeek });
    const first = a.series[0] as (typeof a.series)[number];
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <TokenUsage />
      </TestProvider>,
    );
    const chart = screen.getByRole("slider", { name: "Tokens per day by kind" });
    await expect.element(chart).toBeVisible();
    (chart.element() as HTMLElement).focus();
    await userEvent.keyboard("{Home}");
    // Input without its cached parts; output without its reasoning part.
    const fresh = first.input - first.cacheRead - first.cacheWrite;
    const visible = first.output - first.reasoning;
    await expect
      .element(chart)
      .toHaveAttribute(
        "aria-valuetext",
        `${day.format(new Date(first.t))}: Input ${integer.format(fresh)}, Cache read ${integer.format(first.cacheRead)}, Cache write ${integer.format(first.cacheWrite)}, Output ${integer.format(visible)}, Reasoning ${integer.format(first.reasoning)}`,
      );
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent(day.format(new Date(first.t)));
  });

  it("shows the empty state for a range without requests, and Retry refetches after an error", async () => {
    const empty = await render(
      <TestProvider defaultFilters={{ model: "no-such-model" }}>
        <TokenUsage />
      </TestProvider>,
    );
    await expect.element(empty.getByText("No requests in this range")).toBeVisible();
    await empty.unmount();

    const { client, heal } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <TokenUsage />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("slider", { name: "Tokens per day by kind" })).toBeVisible();
  });
});
