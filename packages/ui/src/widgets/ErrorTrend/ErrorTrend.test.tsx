import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { statDelta, statValue } from "../../../test/stat-text.js";
import { ErrorTrend } from "./ErrorTrend.js";

const lastWeek = seedLastDays(7);
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const count = new Intl.NumberFormat("en-US");
const day = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const LABELS: Record<string, string> = {
  rate_limit: "Rate limit",
  timeout: "Timeout",
  server_error: "Server error",
  network: "Network",
  auth: "Auth",
  invalid_request: "Invalid request",
  context_length: "Context length",
  content_filter: "Content filter",
  cancelled: "Cancelled",
  other: "Other",
};

describe("ErrorTrend", () => {
  it("shows kpi.errors' error rate against the previous week, with the failed and total requests", async () => {
    const answer = await liveClient().kpi.errors.query({ range: lastWeek, compare: true });
    const previous = answer.previous?.errorRate as number;
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <ErrorTrend />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "Error rate")).toBe(percent.format(answer.errorRate as number));
    const delta = statDelta(screen.container, "Error rate") ?? "";
    expect(delta).toContain(`(${percent.format(previous)})`);
    // More errors is bad news.
    const worse = (answer.errorRate as number) > previous;
    expect(screen.container.querySelector(".pm-stat-delta")?.className).toContain(worse ? "pm-tone-bad" : "pm-tone-good");
    await expect
      .element(screen.getByText(`${count.format(answer.errors)} failed of ${count.format(answer.requests)} requests`))
      .toBeVisible();
  });

  it("reads the failures of each bucket by type with the keyboard: the five most frequent types, then the rest", async () => {
    const answer = await liveClient().kpi.errors.query({ range: seedLastDays(14) });
    const ranked = answer.byType.filter((row) => row.count > 0).sort((a, b) => b.count - a.count);
    expect(ranked.length).toBeGreaterThan(6);
    const top = ranked.slice(0, 5).map((row) => row.errorType);
    const valueText = (point: (typeof answer.series)[number]) => {
      const shown = top.map((type) => `${LABELS[type]} ${count.format(point.types[type])}`);
      const rest = point.errors - top.reduce((sum, type) => sum + point.types[type], 0);
      return `${day.format(new Date(point.t))}: ${shown.join(", ")}, Other types ${count.format(rest)}`;
    };
    const screen = await render(
      <TestProvider>
        <ErrorTrend />
      </TestProvider>,
    );
    const rate = screen.getByRole("slider", { name: "Error rate per bucket" });
    const bars = screen.getByRole("slider", { name: "Failed requests per bucket by error type" });
    await expect.element(bars).toBeVisible();
    await userEvent.tab();
    await expect.element(rate).toHaveFocus();
    const last = answer.series.at(-1);
    if (!last) throw new Error("the seed has daily buckets");
    await expect
      .element(rate)
      .toHaveAttribute("aria-valuetext", `${day.format(new Date(last.t))}: Error rate ${percent.format(last.errorRate as number)}`);
    await userEvent.tab();
    await expect.element(bars).toHaveFocus();
    await expect.element(bars).toHaveAttribute("aria-valuetext", valueText(last));
    await userEvent.keyboard("{Home}");
    await expect.element(bars).toHaveAttribute("aria-valuetext", valueText(answer.series[0] as (typeof answer.series)[number]));
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent(day.format(new Date(answer.series[0]?.t ?? 0)));
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <ErrorTrend range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range")).toBeVisible();
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const answer = await liveClient().kpi.errors.query({ range: seedLastDays(14) });
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <ErrorTrend />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(() => statValue(screen.container, "Error rate")).toBe(percent.format(answer.errorRate as number));
    expect(calls()).toBeGreaterThan(before);
  });
});
