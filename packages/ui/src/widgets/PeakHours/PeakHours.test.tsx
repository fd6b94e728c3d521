import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { PeakHours } from "./PeakHours.js";

const count = new Intl.NumberFormat("en-US");
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
// 2024-01-01 was a Monday; weekday w (0 = Monday) is w days later.
const weekday = (w: number, locale = "en-US") =>
  new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + w)));
const hour = (h: number, locale = "en-US") =>
  new Intl.DateTimeFormat(locale, { hour: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1, h)));

function callout(root: Element, label: string): string[] {
  for (const element of root.querySelectorAll(".pm-callout")) {
    const parts = Array.from(element.children).map((child) => child.textContent ?? "");
    if (parts[0] === label) return parts.slice(1);
  }
  return [];
}

describe("PeakHours", () => {
  it("calls out kpi.peakTimes' peak cell, and the busiest weekday and hour from its matrix", async () => {
    const answer = await liveClient().kpi.peakTimes.query({ range: seedLastDays(14) });
    const peak = answer.peak;
    if (!peak) throw new Error("the seed has traffic");
    const days = answer.matrix.map((row) => row.reduce((a, b) => a + b, 0));
    const hours = Array.from({ length: 24 }, (_, h) => answer.matrix.reduce((sum, row) => sum + (row[h] ?? 0), 0));
    const busiestDay = days.indexOf(Math.max(...days));
    const busiestHour = hours.indexOf(Math.max(...hours));
    const screen = await render(
      <TestProvider>
        <PeakHours />
      </TestProvider>,
    );
    await expect
      .poll(() => callout(screen.container, "Peak hour"))
      .toEqual([
        `${weekday(peak.weekday)}, ${hour(peak.hour)}–${hour((peak.hour + 1) % 24)}`,
        `${count.format(peak.requests)} requests · ${percent.format(peak.requests / answer.requests)}`,
      ]);
    expect(callout(screen.container, "Busiest weekday")).toEqual([
      weekday(busiestDay),
      `${count.format(days[busiestDay] as number)} requests · ${percent.format((days[busiestDay] as number) / answer.requests)}`,
    ]);
    expect(callout(screen.container, "Busiest hour of day")[0]).toBe(`${hour(busiestHour)}–${hour((busiestHour + 1) % 24)}`);
  });

  it("walks the heatmap with the keyboard, Monday first, in the given locale and time zone", async () => {
    const answer = await liveClient().kpi.peakTimes.query({ range: seedLastDays(14), timezone: "Europe/Paris" });
    const screen = await render(
      <TestProvider timezone="Europe/Paris">
        <PeakHours locale="de-DE" />
      </TestProvider>,
    );
    const grid = screen.getByRole("slider", { name: "Requests by weekday and hour" });
    await expect.element(grid).toBeVisible();
    await expect.element(screen.getByText("Requests by weekday and hour (Europe/Paris)")).toBeVisible();
    await userEvent.tab();
    await expect.element(grid).toHaveFocus();
    const de = new Intl.NumberFormat("de-DE");
    await expect
      .element(grid)
      .toHaveAttribute("aria-valuetext", `${weekday(0, "de-DE")} ${hour(0, "de-DE")}: ${de.format(answer.matrix[0]?.[0] ?? 0)}`);
    await userEvent.keyboard("{ArrowDown}{ArrowRight}{ArrowRight}");
    const value = de.format(answer.matrix[1]?.[2] ?? 0);
    await expect.element(grid).toHaveAttribute("aria-valuetext", `${weekday(1, "de-DE")} ${hour(2, "de-DE")}: ${value}`);
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent(`${weekday(1, "de-DE")} ${hour(2, "de-DE")}${value}`);
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <PeakHours range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range")).toBeVisible();
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <PeakHours />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("slider", { name: "Requests by weekday and hour" })).toBeVisible();
    expect(calls()).toBeGreaterThan(before);
  });
});
