import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { countingClient, readClient } from "../../../test/counting-client.js";
import { probedState, StateProbe, seededServer, TestProvider } from "../../../test/render.js";
import { FeatureBreakdown } from "./FeatureBreakdown.js";

const server = seededServer();
const api = readClient();
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdSmall = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 2 });
const ms = new Intl.NumberFormat("en-US", { style: "unit", unit: "millisecond", unitDisplay: "short", maximumFractionDigits: 0 });
const sec = new Intl.NumberFormat("en-US", { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 });
const money = (v: number) => (v < 1 ? usdSmall.format(v) : usd.format(v));
const latency = (v: number | null) => (v === null ? "—" : v < 1_000 ? ms.format(v) : sec.format(v / 1_000));

const cells = (container: HTMLElement) =>
  Array.from(container.querySelectorAll("tbody tr")).map((tr) => Array.from(tr.children).map((td) => td.textContent ?? ""));

describe("FeatureBreakdown", () => {
  it("lists kpi.features per feature: requests, share, error rate, score, cost and p95", async () => {
    const expected = await api.kpi.features.query({ range: server.range, timezone: "UTC", by: "feature" });
    const screen = await render(
      <TestProvider>
        <FeatureBreakdown />
      </TestProvider>,
    );
    await expect.poll(() => cells(screen.container).length, { timeout: 10_000 }).toBe(expected.rows.length);
    expect(cells(screen.container)).toEqual(
      expected.rows.map((row) => [
        row.name ?? "(no feature)",
        integer.format(row.requests),
        percent.format(row.share ?? Number.NaN),
        percent.format(row.errorRate ?? Number.NaN),
        row.avgScore === null ? "—" : twoDecimals.format(row.avgScore),
        money(row.costUsd),
        latency(row.p95),
      ]),
    );
    await expect.element(screen.getByText(/No feature stands out/)).toBeVisible();
  });

  it("flags where users struggle and says why, with the figures compared", async () => {
    const filters = { release: "1.5.0" };
    const expected = await api.kpi.features.query({ range: server.range, timezone: "UTC", filters });
    const flagged = expected.rows.filter((r) => r.difficulty);
    expect(flagged.length).toBeGreaterThan(0);
    const screen = await render(
      <TestProvider>
        <FeatureBreakdown filters={filters} />
      </TestProvider>,
    );
    const note = screen.getByRole("note", { name: "Where users struggle" });
    await expect.element(note, { timeout: 10_000 }).toBeVisible();
    for (const row of flagged) {
      if (row.difficultyReasons.includes("errorRate")) {
        await expect
          .element(note)
          .toHaveTextContent(
            `Error rate ${percent.format(row.errorRate ?? 0)} is more than twice the overall ${percent.format(expected.overall.errorRate ?? 0)}`,
          );
      }
      if (row.difficultyReasons.includes("avgScore")) {
        await expect
          .element(note)
          .toHaveTextContent(
            `Avg score ${twoDecimals.format(row.avgScore ?? 0)} is more than 0.15 below the overall ${twoDecimals.format(expected.overall.avgScore ?? 0)}`,
          );
      }
      await expect.element(screen.getByRole("row", { name: new RegExp(`^${row.name}\\s*Users struggle here`) })).toBeVisible();
    }
    const unflagged = cells(screen.container).filter((c) => !c[0]?.includes("Users struggle here"));
    expect(unflagged).toHaveLength(expected.rows.length - flagged.length);
  });

  it("groups by tag from the switcher", async () => {
    const expected = await api.kpi.features.query({ range: server.range, timezone: "UTC", by: "tag" });
    const screen = await render(
      <TestProvider>
        <FeatureBreakdown />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("radio", { name: "Feature" }), { timeout: 10_000 }).toBeChecked();
    await userEvent.click(screen.getByText("Tag", { exact: true }));
    await expect
      .poll(() => cells(screen.container).map((c) => [c[0], c[1]]), { timeout: 10_000 })
      .toEqual(expected.rows.map((r) => [r.name ?? "(no tag)", integer.format(r.requests)]));
    await expect.element(screen.getByRole("columnheader", { name: "Tag" })).toBeVisible();
  });

  it("narrows the dashboard to a feature with Enter on its row", async () => {
    const expected = await api.kpi.features.query({ range: server.range, timezone: "UTC" });
    const second = expected.rows[1]?.name;
    const screen = await render(
      <TestProvider>
        <FeatureBreakdown />
        <StateProbe />
      </TestProvider>,
    );
    await expect.poll(() => cells(screen.container).length, { timeout: 10_000 }).toBe(expected.rows.length);
    screen.container.querySelector<HTMLElement>("tbody tr")?.focus();
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(probedState().filters).toEqual({ feature: second });
  });

  it("shows the empty state for a range without requests", async () => {
    const screen = await render(
      <TestProvider>
        <FeatureBreakdown filters={{ model: "no-such-model" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No requests in this range"), { timeout: 10_000 }).toBeVisible();
  });

  it("shows the error with a Retry that refetches", async () => {
    const { client, calls } = countingClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <FeatureBreakdown />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert"), { timeout: 10_000 }).toHaveTextContent("missing or invalid API key");
    const before = calls();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(calls).toBe(before + 1);
  });
});
