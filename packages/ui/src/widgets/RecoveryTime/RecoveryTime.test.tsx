import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { SEED_RANGE, seedLastDays } from "../../../test/seed-range.js";
import { statDelta, statValue } from "../../../test/stat-text.js";
import { RecoveryTime } from "./RecoveryTime.js";

const unit = (name: string, digits: number) =>
  new Intl.NumberFormat("en-US", { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: digits });
/** A duration as the library shows it: ms under a second, then seconds, minutes, hours. */
function duration(ms: number): string {
  if (ms < 1_000) return unit("millisecond", 0).format(ms);
  if (ms < 60_000) return unit("second", 1).format(ms / 1_000);
  if (ms < 3_600_000) return unit("minute", 1).format(ms / 60_000);
  return unit("hour", 1).format(ms / 3_600_000);
}
const count = new Intl.NumberFormat("en-US");

describe("RecoveryTime", () => {
  it("shows kpi.reliability's overall MTTR against the previous week and the ongoing failure streaks", async () => {
    const range = seedLastDays(7);
    const answer = await liveClient().kpi.reliability.query({ range, compare: true });
    const previous = answer.previous?.mttrMs as number;
    const screen = await render(
      <TestProvider defaultRange={range}>
        <RecoveryTime />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "Mean time to recovery")).toBe(duration(answer.mttrMs as number));
    expect(statDelta(screen.container, "Mean time to recovery")).toContain(`(${duration(previous)})`);
    expect(statValue(screen.container, "Ongoing failure streaks")).toBe(count.format(answer.ongoing));
  });

  it("ranks provider + model rows by MTTR, slowest first, eight then all", async () => {
    const answer = await liveClient().kpi.reliability.query({ range: SEED_RANGE });
    const recovered = answer.rows.filter((row) => row.mttrMs !== null);
    expect(recovered.length).toBeGreaterThan(8);
    const expected = [...recovered]
      .sort((a, b) => (b.mttrMs as number) - (a.mttrMs as number))
      .map((row) => `${row.provider} · ${row.model}${duration(row.mttrMs as number)}${row.ongoing > 0 ? `${row.ongoing} ongoing` : ""}`);
    const screen = await render(
      <TestProvider>
        <RecoveryTime />
      </TestProvider>,
    );
    const list = screen.getByRole("list", { name: "Mean time to recovery by provider and model" });
    await expect.element(list).toBeVisible();
    const rows = () => Array.from(list.element().querySelectorAll("li")).map((li) => li.textContent);
    expect(rows()).toEqual(expected.slice(0, 8));
    await userEvent.click(screen.getByRole("button", { name: `Show all ${recovered.length} models` }));
    expect(rows()).toEqual(expected);
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <RecoveryTime range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range")).toBeVisible();
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <RecoveryTime />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("list", { name: "Mean time to recovery by provider and model" })).toBeVisible();
    expect(calls()).toBeGreaterThan(before);
  });
});
