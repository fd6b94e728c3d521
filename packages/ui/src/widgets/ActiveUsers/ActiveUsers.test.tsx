import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { countingClient, readClient } from "../../../test/counting-client.js";
import { seededServer, TestProvider } from "../../../test/render.js";
import { ActiveUsers } from "./ActiveUsers.js";

const server = seededServer();
const api = readClient();
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });

const stat = (container: HTMLElement, label: string) =>
  Array.from(container.querySelectorAll(".pm-stat"))
    .find((el) => el.querySelector(".pm-stat-label")?.textContent === label)
    ?.querySelector(".pm-stat-value")?.textContent;

describe("ActiveUsers", () => {
  it("shows kpi.users' DAU, WAU, MAU, stickiness and new vs returning", async () => {
    const expected = await api.kpi.users.query({ range: server.range, timezone: "UTC" });
    const screen = await render(
      <TestProvider>
        <ActiveUsers />
      </TestProvider>,
    );
    await expect.poll(() => stat(screen.container, "Active users"), { timeout: 10_000 }).toBe(integer.format(expected.uniqueUsers));
    expect(stat(screen.container, "Daily active (mean)")).toBe(oneDecimal.format(expected.dau));
    expect(stat(screen.container, "Weekly active")).toBe(integer.format(expected.wau));
    expect(stat(screen.container, "Monthly active")).toBe(integer.format(expected.mau));
    expect(stat(screen.container, "Stickiness")).toBe(percent.format(expected.stickiness ?? Number.NaN));
    const split = screen.getByRole("list", { name: "New vs returning users" });
    await expect.element(split).toHaveTextContent(`New${integer.format(expected.newUsers)}`);
    await expect.element(split).toHaveTextContent(`Returning${integer.format(expected.returningUsers)}`);
  });

  it("opens the series tooltip with the keyboard on the last bucket's active users", async () => {
    const expected = await api.kpi.users.query({ range: server.range, timezone: "UTC" });
    const last = expected.series.at(-1);
    const screen = await render(
      <TestProvider>
        <button type="button">before</button>
        <ActiveUsers />
      </TestProvider>,
    );
    const chart = screen.getByRole("slider", { name: "Active users per day" });
    await expect.element(chart, { timeout: 10_000 }).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "before" }));
    await userEvent.tab();
    await expect.element(chart).toHaveFocus();
    const tooltip = screen.getByTestId("pm-tooltip");
    await expect.element(tooltip).toHaveTextContent(day.format(new Date(last?.t ?? 0)));
    await expect.element(tooltip).toHaveTextContent(`Active users${integer.format(last?.activeUsers ?? 0)}`);
  });

  it("shows the empty state for a range without users", async () => {
    const screen = await render(
      <TestProvider>
        <ActiveUsers filters={{ model: "no-such-model" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests from identified users in this range"), { timeout: 10_000 }).toBeVisible();
  });

  it("shows the error with a Retry that refetches", async () => {
    const { client, calls } = countingClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <ActiveUsers />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert"), { timeout: 10_000 }).toHaveTextContent("missing or invalid API key");
    const before = calls();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(calls).toBe(before + 1);
  });
});
