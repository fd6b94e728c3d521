import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { countingClient, readClient } from "../../../test/counting-client.js";
import { probedState, StateProbe, seededServer, TestProvider } from "../../../test/render.js";
import { TopUsers } from "./TopUsers.js";

const server = seededServer();
const api = readClient();
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const seen = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

const cells = (container: HTMLElement) =>
  Array.from(container.querySelectorAll("tbody tr")).map((tr) => Array.from(tr.children).map((td) => td.textContent ?? ""));

describe("TopUsers", () => {
  it("lists kpi.topUsers: user, requests, cost and last seen as the procedure answers them", async () => {
    const expected = await api.kpi.topUsers.query({ range: server.range, timezone: "UTC", by: "requests", limit: 5 });
    expect(expected.rows).toHaveLength(5);
    const screen = await render(
      <TestProvider>
        <TopUsers limit={5} />
      </TestProvider>,
    );
    await expect.poll(() => cells(screen.container).length, { timeout: 10_000 }).toBe(5);
    const shown = cells(screen.container);
    expected.rows.forEach((row, i) => {
      const [user, requests, cost, , , feedback, , lastSeen] = shown[i] ?? [];
      expect(user).toBe(row.userId);
      expect(requests).toBe(integer.format(row.requests));
      expect(cost).toBe(usd.format(row.costUsd));
      expect(feedback).toBe(integer.format(row.feedbackCount));
      expect(lastSeen).toBe(seen.format(new Date(row.lastSeen)));
    });
  });

  it("re-ranks by cost from the switcher, in the order the procedure gives", async () => {
    const expected = await api.kpi.topUsers.query({ range: server.range, timezone: "UTC", by: "cost", limit: 5 });
    const screen = await render(
      <TestProvider>
        <TopUsers limit={5} />
      </TestProvider>,
    );
    await expect.poll(() => cells(screen.container).length, { timeout: 10_000 }).toBe(5);
    await userEvent.click(screen.getByText("Cost", { exact: true }).first());
    await expect.element(screen.getByText("Ranked by cost")).toBeVisible();
    await expect.poll(() => cells(screen.container).map((c) => c[0]), { timeout: 10_000 }).toEqual(expected.rows.map((r) => r.userId));
    await expect.element(screen.getByRole("columnheader", { name: "Cost" })).toBeVisible();
  });

  it("walks rows with the arrow keys and narrows the dashboard to a user with Enter", async () => {
    const expected = await api.kpi.topUsers.query({ range: server.range, timezone: "UTC", by: "requests", limit: 3 });
    const second = expected.rows[1]?.userId ?? "";
    const screen = await render(
      <TestProvider>
        <TopUsers limit={3} />
        <StateProbe />
      </TestProvider>,
    );
    await expect.poll(() => cells(screen.container).length, { timeout: 10_000 }).toBe(3);
    const rows = screen.container.querySelectorAll<HTMLElement>("tbody tr");
    rows[0]?.focus();
    await userEvent.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(rows[1]);
    await userEvent.keyboard("{Enter}");
    expect(probedState().filters).toEqual({ userId: second });
    // Narrowed to one user, the table lists just that user, marked as the dashboard's filter.
    await expect.poll(() => cells(screen.container).map((c) => c[0]), { timeout: 10_000 }).toEqual([`${second}dashboard filter`]);
  });

  it("shows the empty state for a range without identified users", async () => {
    const screen = await render(
      <TestProvider>
        <TopUsers filters={{ model: "no-such-model" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests from identified users in this range"), { timeout: 10_000 }).toBeVisible();
  });

  it("shows the error with a Retry that refetches", async () => {
    const { client, calls } = countingClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <TopUsers />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert"), { timeout: 10_000 }).toHaveTextContent("missing or invalid API key");
    const before = calls();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(calls).toBe(before + 1);
    await expect.element(screen.getByRole("alert")).toBeVisible();
  });
});
