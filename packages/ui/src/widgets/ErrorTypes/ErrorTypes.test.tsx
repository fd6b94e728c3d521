import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { ErrorTypes } from "./ErrorTypes.js";

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const count = new Intl.NumberFormat("en-US");
const dateTime = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
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

function rowsOf(list: Element): string[] {
  return Array.from(list.querySelectorAll("li")).map((li) => li.textContent ?? "");
}

describe("ErrorTypes", () => {
  it("ranks kpi.errors' failures by type with their share of failures", async () => {
    const answer = await liveClient().kpi.errors.query({ range: seedLastDays(14) });
    const screen = await render(
      <TestProvider>
        <ErrorTypes />
      </TestProvider>,
    );
    const list = screen.getByRole("list", { name: "Failed requests by error type" });
    await expect.element(list).toBeVisible();
    const expected = answer.byType
      .filter((row) => row.count > 0)
      .sort((a, b) => b.count - a.count)
      .map((row) => `${LABELS[row.errorType]}${count.format(row.count)}${percent.format(row.count / answer.errors)}`);
    expect(rowsOf(list.element())).toEqual(expected);
    await expect.element(screen.getByText(`${count.format(answer.errors)} failed requests`)).toBeVisible();
  });

  it("lists the top grouped messages with type, count and last occurrence, five first then all", async () => {
    const answer = await liveClient().kpi.errors.query({ range: seedLastDays(14) });
    expect(answer.topMessages.length).toBeGreaterThan(5);
    const expected = answer.topMessages.map(
      (row) =>
        `${row.message ?? "(no message)"}${LABELS[row.errorType]}${count.format(row.count)}×last ${dateTime.format(new Date(row.lastSeen))}`,
    );
    const screen = await render(
      <TestProvider>
        <ErrorTypes />
      </TestProvider>,
    );
    const list = screen.getByRole("list", { name: "Top error messages" });
    await expect.element(list).toBeVisible();
    expect(rowsOf(list.element())).toEqual(expected.slice(0, 5));
    await userEvent.click(screen.getByRole("button", { name: `Show all ${answer.topMessages.length} messages` }));
    expect(rowsOf(list.element())).toEqual(expected);
  });

  it("tells a range without failures from a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <ErrorTypes filters={{ status: "success" }} title="Successes only" />
        <ErrorTypes range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} title="Long ago" />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("region", { name: "Successes only" })).toHaveTextContent("No failed requests in this range");
    await expect.element(screen.getByRole("region", { name: "Long ago" })).toHaveTextContent("No requests in this range");
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <ErrorTypes />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("list", { name: "Failed requests by error type" })).toBeVisible();
    expect(calls()).toBeGreaterThan(before);
  });
});
