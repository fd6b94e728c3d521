import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { statDelta, statValue } from "../../../test/stat-text.js";
import { RescueCard } from "./RescueCard.js";

const lastWeek = seedLastDays(7);
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const percentSmall = new Intl.NumberFormat("en-US", { style: "percent", maximumSignificantDigits: 2 });
const count = new Intl.NumberFormat("en-US");
const day = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
// Rates under 0.1 % keep two significant digits (0.095 %), larger ones one decimal.
const rate = (value: number) => (value > 0 && value < 0.001 ? percentSmall : percent).format(value);

describe("RescueCard", () => {
  it("shows kpi.rescue's rescue rate against the previous week, and the retried and fallback counts and rates", async () => {
    const answer = await liveClient().kpi.rescue.query({ range: lastWeek, compare: true });
    const previous = answer.previous?.rescueRate as number;
    expect(answer.rescueRate).not.toBeNull();
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <RescueCard />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "Rescue rate")).toBe(percent.format(answer.rescueRate as number));
    expect(statDelta(screen.container, "Rescue rate")).toContain(`(${percent.format(previous)})`);
    expect(statValue(screen.container, "Retried")).toBe(count.format(answer.retriedRequests));
    expect(statValue(screen.container, "Fallback")).toBe(count.format(answer.fallbackRequests));
    await expect.element(screen.getByText(`${rate(answer.retryRate as number)} of requests`)).toBeVisible();
    await expect.element(screen.getByText(`${rate(answer.fallbackRate as number)} of requests`)).toBeVisible();
    await expect
      .element(screen.getByText(`${count.format(answer.rescued)} of ${count.format(answer.rescueAttempts)} retried or fallen back`))
      .toBeVisible();
  });

  it("reads each bucket's rescued and unrescued requests with the keyboard", async () => {
    const answer = await liveClient().kpi.rescue.query({ range: seedLastDays(14) });
    const last = answer.series.at(-1);
    const before = answer.series.at(-2);
    if (!last || !before) throw new Error("the seed has daily buckets");
    const screen = await render(
      <TestProvider>
        <RescueCard />
      </TestProvider>,
    );
    const chart = screen.getByRole("slider", { name: /Retried or fallen-back requests/ });
    await expect.element(chart).toBeVisible();
    await userEvent.tab();
    await expect.element(chart).toHaveFocus();
    const text = (p: typeof last) =>
      `${day.format(new Date(p.t))}: Rescued ${count.format(p.rescued)}, Failed after retry or fallback ${count.format(p.rescueAttempts - p.rescued)}`;
    await expect.element(chart).toHaveAttribute("aria-valuetext", text(last));
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent(`Rescued${count.format(last.rescued)}`);
    await userEvent.keyboard("{ArrowLeft}");
    await expect.element(chart).toHaveAttribute("aria-valuetext", text(before));
  });

  it("formats numbers in the given locale", async () => {
    const answer = await liveClient().kpi.rescue.query({ range: seedLastDays(14) });
    const screen = await render(
      <TestProvider>
        <RescueCard locale="de-DE" />
      </TestProvider>,
    );
    const de = new Intl.NumberFormat("de-DE", { style: "percent", maximumFractionDigits: 1 });
    await expect.poll(() => statValue(screen.container, "Rescue rate")).toBe(de.format(answer.rescueRate as number));
  });

  it("says there is nothing to compare with when the previous period had no traffic", async () => {
    const screen = await render(
      <TestProvider>
        <RescueCard />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No data in the previous period")).toBeVisible();
    expect(statDelta(screen.container, "Rescue rate")).toBeNull();
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <RescueCard range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range")).toBeVisible();
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const answer = await liveClient().kpi.rescue.query({ range: seedLastDays(14), compare: true });
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <RescueCard />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(() => statValue(screen.container, "Rescue rate")).toBe(percent.format(answer.rescueRate as number));
    expect(calls()).toBeGreaterThan(before);
  });
});
