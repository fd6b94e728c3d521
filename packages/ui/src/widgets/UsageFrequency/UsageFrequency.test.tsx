import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { statDelta, statValue } from "../../../test/stat-text.js";
import { UsageFrequency } from "./UsageFrequency.js";

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const count = new Intl.NumberFormat("en-US");
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

describe("UsageFrequency", () => {
  it("shows kpi.usageFrequency's users by active days and requests per active user-day over three days", async () => {
    const range = seedLastDays(3);
    const answer = await liveClient().kpi.usageFrequency.query({ range, compare: true });
    const previous = answer.previous;
    if (!previous) throw new Error("compare asked");
    const screen = await render(
      <TestProvider defaultRange={range}>
        <UsageFrequency />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "Active users")).toBe(count.format(answer.activeUsers));
    expect(statValue(screen.container, "Requests per active user-day")).toBe(oneDecimal.format(answer.requestsPerUserDay as number));
    expect(statDelta(screen.container, "Requests per active user-day")).toContain(
      `(${oneDecimal.format(previous.requestsPerUserDay as number)})`,
    );
    await expect.element(screen.getByText(`over ${count.format(answer.userDays)} user-days`)).toBeVisible();
    const labels = ["1 day", "2–3 days", "4–7 days", "8–14 days", "15+ days"];
    const list = screen.getByRole("list", { name: "Users by number of active days" });
    const rows = Array.from(list.element().querySelectorAll("li")).map((li) => li.textContent);
    expect(rows).toEqual(
      answer.byActiveDays.map((row, i) => `${labels[i]}${count.format(row.users)}${percent.format(row.users / answer.activeUsers)}`),
    );
  });

  it("counts active days in the provider's time zone", async () => {
    const range = seedLastDays(3);
    const answer = await liveClient().kpi.usageFrequency.query({ range, timezone: "America/Los_Angeles" });
    const screen = await render(
      <TestProvider defaultRange={range} timezone="America/Los_Angeles">
        <UsageFrequency />
      </TestProvider>,
    );
    await expect.element(screen.getByText("Users by active days (America/Los_Angeles)")).toBeVisible();
    await expect
      .poll(() => statValue(screen.container, "Requests per active user-day"))
      .toBe(oneDecimal.format(answer.requestsPerUserDay as number));
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <UsageFrequency range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range")).toBeVisible();
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const answer = await liveClient().kpi.usageFrequency.query({ range: seedLastDays(14) });
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <UsageFrequency />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(() => statValue(screen.container, "Active users")).toBe(count.format(answer.activeUsers));
    expect(calls()).toBeGreaterThan(before);
  });
});
