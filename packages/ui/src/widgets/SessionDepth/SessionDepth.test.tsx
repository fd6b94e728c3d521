import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { statDelta, statValue } from "../../../test/stat-text.js";
import { SessionDepth } from "./SessionDepth.js";

const lastWeek = seedLastDays(7);
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const percentSmall = new Intl.NumberFormat("en-US", { style: "percent", maximumSignificantDigits: 2 });
const share = (value: number) => (value > 0 && value < 0.001 ? percentSmall : percent).format(value);
const count = new Intl.NumberFormat("en-US");
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

describe("SessionDepth", () => {
  it("shows kpi.sessions' sessions, requests per session and repeat rate against the previous week", async () => {
    const answer = await liveClient().kpi.sessions.query({ range: lastWeek, compare: true });
    const previous = answer.previous;
    if (!previous) throw new Error("compare asked");
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <SessionDepth />
      </TestProvider>,
    );
    await expect.poll(() => statValue(screen.container, "Sessions")).toBe(count.format(answer.sessions));
    expect(statDelta(screen.container, "Sessions")).toContain(`(${count.format(previous.sessions)})`);
    expect(statValue(screen.container, "Requests per session")).toBe(twoDecimals.format(answer.avgRequestsPerSession as number));
    expect(statValue(screen.container, "Repeat rate")).toBe(percent.format(answer.repeatRate as number));
    expect(statDelta(screen.container, "Repeat rate")).toContain(`(${percent.format(previous.repeatRate as number)})`);
    await expect.element(screen.getByText(`${count.format(answer.sessionsWithFollowUp)} sessions with a follow-up`)).toBeVisible();
  });

  it("draws a bar per depth with its sessions and share of sessions", async () => {
    const answer = await liveClient().kpi.sessions.query({ range: seedLastDays(14) });
    const screen = await render(
      <TestProvider>
        <SessionDepth />
      </TestProvider>,
    );
    const list = screen.getByRole("list", { name: "Sessions by number of requests" });
    await expect.element(list).toBeVisible();
    const labels = ["1 request", "2 requests", "3–5 requests", "6–10 requests", "11+ requests"];
    const rows = Array.from(list.element().querySelectorAll("li")).map((li) => li.textContent);
    expect(rows).toEqual(
      answer.byRequests.map((row, i) => `${labels[i]}${count.format(row.sessions)}${share(row.sessions / answer.sessions)}`),
    );
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <SessionDepth range={{ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range")).toBeVisible();
  });

  it("offers Retry after an error, and Retry fetches again", async () => {
    const answer = await liveClient().kpi.sessions.query({ range: seedLastDays(14) });
    const { client, heal, calls } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <SessionDepth />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    const before = calls();
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(() => statValue(screen.container, "Sessions")).toBe(count.format(answer.sessions));
    expect(calls()).toBeGreaterThan(before);
  });
});
