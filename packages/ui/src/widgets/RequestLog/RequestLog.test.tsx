import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { countingClient, readClient } from "../../../test/counting-client.js";
import { seededServer, TestProvider } from "../../../test/render.js";
import { RequestLog } from "./RequestLog.js";

const server = seededServer();
const api = readClient();
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const when = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
});

const rowsOf = (container: HTMLElement) => Array.from(container.querySelectorAll<HTMLElement>("tbody tr"));
const firstCells = (container: HTMLElement) => rowsOf(container).map((tr) => tr.children[0]?.textContent);
/** A range that holds just the event at `timestamp`. */
const instant = (timestamp: string) => ({ from: timestamp, to: new Date(Date.parse(timestamp) + 1).toISOString() });

describe("RequestLog", () => {
  it("lists logs.list newest first and pages older and newer with its cursors", async () => {
    const page1 = await api.logs.list.query({ range: server.range, limit: 10 });
    const page2 = await api.logs.list.query({ range: server.range, limit: 10, cursor: page1.nextCursor });
    const screen = await render(
      <TestProvider>
        <RequestLog pageSize={10} />
      </TestProvider>,
    );
    await expect
      .poll(() => firstCells(screen.container), { timeout: 10_000 })
      .toEqual(page1.rows.map((r) => when.format(new Date(r.timestamp))));
    const first = rowsOf(screen.container)[0];
    expect(first?.children[2]?.textContent).toBe(`${page1.rows[0]?.model} ${page1.rows[0]?.provider}`);
    await expect.element(screen.getByRole("button", { name: "← Newer" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Older →" }));
    await expect
      .poll(() => firstCells(screen.container), { timeout: 10_000 })
      .toEqual(page2.rows.map((r) => when.format(new Date(r.timestamp))));
    await expect.element(screen.getByText("Page 2", { exact: true })).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "← Newer" }));
    await expect.poll(() => firstCells(screen.container)).toEqual(page1.rows.map((r) => when.format(new Date(r.timestamp))));
  });

  it("searches error messages as logs.list does", async () => {
    const expected = await api.logs.list.query({ range: server.range, limit: 10, q: "timed out" });
    expect(expected.rows.length).toBeGreaterThan(0);
    const screen = await render(
      <TestProvider>
        <RequestLog pageSize={10} />
      </TestProvider>,
    );
    await expect.poll(() => rowsOf(screen.container).length, { timeout: 10_000 }).toBe(10);
    await userEvent.fill(screen.getByRole("searchbox", { name: "Search error messages" }), "timed out");
    await userEvent.keyboard("{Enter}");
    await expect
      .poll(() => rowsOf(screen.container).map((tr) => tr.children[8]?.textContent), { timeout: 10_000 })
      .toEqual(expected.rows.map((r) => r.errorMessage));
    await userEvent.fill(screen.getByRole("searchbox", { name: "Search error messages" }), "no message says this");
    await userEvent.keyboard("{Enter}");
    await expect
      .element(screen.getByText("No error message contains “no message says this” in this range"), { timeout: 10_000 })
      .toBeVisible();
  });

  it("opens a row's details with Enter, closes them with Escape, and gives focus back to the row", async () => {
    const page = await api.logs.list.query({ range: server.range, limit: 5 });
    const event = page.rows[1];
    const detail = await api.logs.get.query({ id: event?.id ?? "" });
    const screen = await render(
      <TestProvider>
        <RequestLog pageSize={5} />
      </TestProvider>,
    );
    await expect.poll(() => rowsOf(screen.container).length, { timeout: 10_000 }).toBe(5);
    const row = rowsOf(screen.container)[1];
    row?.focus();
    await userEvent.keyboard("{Enter}");
    const dialog = screen.getByRole("dialog");
    await expect.element(dialog).toBeVisible();
    await expect.element(screen.getByRole("button", { name: "Close details" })).toHaveFocus();
    await expect.element(dialog).toHaveTextContent(`Event id${detail.id}`);
    await expect.element(dialog).toHaveTextContent(`Input tokens${integer.format(detail.usage.inputTokens)}`);
    await expect.element(dialog).toHaveTextContent(`Output tokens${integer.format(detail.usage.outputTokens)}`);
    await expect.element(dialog).toHaveTextContent(`Environment${detail.environment}`);
    await userEvent.keyboard("{Escape}");
    await expect.poll(() => screen.container.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(row);
  });

  it("shows a chat input as messages and the output as text", async () => {
    let found: { id: string; timestamp: string } | undefined;
    let cursor: string | null = null;
    for (let i = 0; i < 20 && !found; i++) {
      const page = await api.logs.list.query({ range: server.range, limit: 200, cursor });
      found = page.rows.find((r) => r.hasPayload);
      cursor = page.nextCursor;
    }
    expect(found).toBeDefined();
    const detail = await api.logs.get.query({ id: found?.id ?? "" });
    expect(Array.isArray(detail.input)).toBe(true);
    const messages = Array.isArray(detail.input) ? detail.input : [];
    const screen = await render(
      <TestProvider defaultRange={instant(found?.timestamp ?? "")}>
        <RequestLog />
      </TestProvider>,
    );
    await expect.poll(() => rowsOf(screen.container).length, { timeout: 10_000 }).toBe(1);
    await userEvent.click(rowsOf(screen.container)[0] as HTMLElement);
    const input = screen.getByRole("region", { name: "Input" });
    await expect.element(input, { timeout: 10_000 }).toBeVisible();
    const shown = Array.from(input.element().querySelectorAll("li")).map((li) => [
      li.querySelector(".pm-chat-role")?.textContent,
      li.querySelector(".pm-payload")?.textContent,
    ]);
    expect(shown).toEqual(messages.map((m) => [m.role, m.content]));
    await expect.element(screen.getByRole("region", { name: "Output" })).toHaveTextContent(String(detail.output));
  });

  it("shows the feedback given on the request", async () => {
    const feedback = await api.kpi.feedback.query({ range: server.range, timezone: "UTC" });
    const rated = feedback.recentComments.find((c) => c.eventId !== null);
    const detail = await api.logs.get.query({ id: rated?.eventId ?? "" });
    const screen = await render(
      <TestProvider defaultRange={instant(detail.timestamp)}>
        <RequestLog />
      </TestProvider>,
    );
    await expect.poll(() => rowsOf(screen.container).length, { timeout: 10_000 }).toBe(1);
    await userEvent.click(rowsOf(screen.container)[0] as HTMLElement);
    const region = screen.getByRole("region", { name: "Feedback" });
    await expect.element(region, { timeout: 10_000 }).toHaveTextContent(rated?.comment ?? "");
    expect(region.element().querySelectorAll("li")).toHaveLength(detail.feedback.length);
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <RequestLog filters={{ model: "no-such-model" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range"), { timeout: 10_000 }).toBeVisible();
  });

  it("shows the error with a Retry that refetches", async () => {
    const { client, calls } = countingClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <RequestLog />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert"), { timeout: 10_000 }).toHaveTextContent("missing or invalid API key");
    const before = calls();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(calls).toBe(before + 1);
  });
});
