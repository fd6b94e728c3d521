import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { SEED_DAYS, SEED_RANGE } from "../../../test/seed-range.js";
import { statValue } from "../../../test/stat-text.js";
import { Availability } from "./Availability.js";

const MINUTE = 60_000;
const dateTime = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
const twoDecimals = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Uptime is rounded down to a hundredth of a percent, so a down minute never reads as 100.00 %.
const uptime = (value: number) => twoDecimals.format(Math.floor(value * 10_000 + 1e-9) / 10_000);
const label = (incident: { start: string; end: string; minutes: number }) =>
  `Incident from ${dateTime.format(new Date(incident.start))} to ${dateTime.format(new Date(incident.end))}, ${incident.minutes} min`;

// The generated OpenAI outage (STORY in packages/server/src/seed/generate.ts): 90 minutes from 62 % into the seeded span.
const seedStart = Date.parse(SEED_RANGE.from);
const outageStart = seedStart + Math.round((0.62 * SEED_DAYS * 1440 * MINUTE) / MINUTE) * MINUTE;
const outageEnd = outageStart + 90 * MINUTE;

function uptimeRows(root: Element): Array<[string, string]> {
  return Array.from(root.querySelectorAll(".pm-uptime-rows > li")).map((li) => [
    li.querySelector(".pm-uptime-name")?.textContent ?? "",
    li.querySelector(".pm-uptime-value")?.textContent ?? "",
  ]);
}

describe("Availability", () => {
  it("shows kpi.reliability's uptime per provider + model, least available first, eight then all", async () => {
    const answer = await liveClient().kpi.reliability.query({ range: SEED_RANGE });
    expect(answer.rows.length).toBeGreaterThan(8);
    const expected = answer.rows.map((row): [string, string] => [`${row.provider} ${row.model}`, uptime(row.availability)]);
    const screen = await render(
      <TestProvider>
        <Availability />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "Availability")).toBe(uptime(answer.availability as number));
    expect(statValue(screen.container, "Incidents")).toBe(String(answer.incidentCount));
    expect(uptimeRows(screen.container)).toEqual(expected.slice(0, 8));
    await userEvent.click(screen.getByRole("button", { name: `Show all ${answer.rows.length} models` }));
    expect(uptimeRows(screen.container)).toEqual(expected);
  });

  it("marks the generated OpenAI outage on the strips of OpenAI models", async () => {
    const range = { from: new Date(outageStart - 6 * 60 * MINUTE).toISOString(), to: new Date(outageEnd + 6 * 60 * MINUTE).toISOString() };
    const answer = await liveClient().kpi.reliability.query({ range, filters: { provider: "openai" } });
    const during = answer.rows.flatMap((row) =>
      row.incidents.filter((incident) => Date.parse(incident.start) < outageEnd && Date.parse(incident.end) > outageStart),
    );
    expect(during.length).toBeGreaterThan(0);
    const screen = await render(
      <TestProvider defaultRange={range} defaultFilters={{ provider: "openai" }}>
        <Availability limit={50} />
      </TestProvider>,
    );
    for (const incident of during) await expect.element(screen.getByRole("button", { name: label(incident) })).toBeInTheDocument();
  });

  it("opens an incident's tooltip from the keyboard with its start, end and minutes, and walks a strip with the arrow keys", async () => {
    const answer = await liveClient().kpi.reliability.query({ range: SEED_RANGE });
    const row = answer.rows.find((r) => r.incidents.length > 1);
    if (!row || answer.rows.indexOf(row) !== answer.rows.findIndex((r) => r.incidents.length > 0))
      throw new Error("expected a first strip with 2+ incidents");
    const incidents = [...row.incidents].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const screen = await render(
      <TestProvider>
        <Availability />
      </TestProvider>,
    );
    const strip = screen.getByRole("toolbar", { name: `Incidents of ${row.provider} ${row.model}` });
    await expect.element(strip).toBeVisible();
    await userEvent.tab();
    const first = incidents[0] as (typeof incidents)[number];
    const second = incidents[1] as (typeof incidents)[number];
    await expect.element(screen.getByRole("button", { name: label(first) })).toHaveFocus();
    const tooltip = screen.getByRole("tooltip");
    await expect
      .element(tooltip)
      .toHaveTextContent(
        `IncidentStart${dateTime.format(new Date(first.start))}End${dateTime.format(new Date(first.end))}Down for${first.minutes} min`,
      );
    await userEvent.keyboard("{ArrowRight}");
    await expect.element(screen.getByRole("button", { name: label(second) })).toHaveFocus();
    await expect.element(tooltip).toHaveTextContent(`Start${dateTime.format(new Date(second.start))}`);
    // One tab stop per strip: Tab leaves the strip for the next one.
    await userEvent.tab();
    await expect.element(screen.getByRole("button", { name: label(first) })).not.toHaveFocus();
    expect(document.activeElement?.closest('[role="toolbar"]')).not.toBe(strip.element());
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <Availability range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range")).toBeVisible();
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <Availability />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("list", { name: "Availability by provider and model" })).toBeVisible();
    expect(calls()).toBeGreaterThan(before);
  });
});
