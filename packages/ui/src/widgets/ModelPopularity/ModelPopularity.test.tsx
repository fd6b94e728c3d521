import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { healableClient, liveClient } from "../../../test/live-clients.js";
import { TestProvider } from "../../../test/render.js";
import { seedLastDays } from "../../../test/seed-range.js";
import { ModelPopularity } from "./ModelPopularity.js";

const lastWeek = seedLastDays(7);
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdSmall = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 2 });
const money = (v: number) => (v !== 0 && v < 1 ? usdSmall.format(v) : usd.format(v));
const sec = new Intl.NumberFormat("en-US", { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 });
const ms = new Intl.NumberFormat("en-US", { style: "unit", unit: "millisecond", unitDisplay: "short", maximumFractionDigits: 0 });
const duration = (v: number) => (v < 1000 ? ms.format(v) : sec.format(v / 1000));
const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** label → value and detail of each list row. */
function rows(root: Element): Array<{ label: string; value: string }> {
  return [...root.querySelectorAll(".pm-barlist-row")].map((row) => ({
    label: row.querySelector(".pm-barlist-label")?.textContent ?? "",
    value: row.querySelector(".pm-barlist-value")?.textContent ?? "",
  }));
}

describe("ModelPopularity", () => {
  it("lists kpi.models' top models by share with requests, cost and p95, then the others together", async () => {
    const a = await liveClient().kpi.models.query({ range: lastWeek });
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <ModelPopularity limit={3} />
      </TestProvider>,
    );
    await expect.poll(() => rows(screen.container).length).toBe(4);
    const shown = rows(screen.container);
    a.rows.slice(0, 3).forEach((row, i) => {
      // Names are bare unless two providers serve one (gpt-4o comes from azure and openai in the seed).
      const twice = a.rows.filter((r) => r.model === row.model).length > 1;
      expect(shown[i]?.label).toBe(twice ? `${row.model} (${row.provider})` : row.model);
      expect(shown[i]?.value).toBe(
        `${percent.format(row.share as number)}${integer.format(row.requests)} req · ${money(row.costUsd)} · p95 ${duration(row.p95 as number)}`,
      );
    });
    const rest = a.rows.slice(3);
    const restRequests = rest.reduce((sum, row) => sum + row.requests, 0);
    expect(shown[3]?.label).toBe(`${rest.length} other models`);
    expect(shown[3]?.value).toContain(`${percent.format(restRequests / a.requests)}${integer.format(restRequests)} req`);
    await expect.element(screen.getByText(`${a.models} models, share of requests`)).toBeVisible();
  });

  it("shows every model on demand, an unpriced part as a count and never as $0", async () => {
    const a = await liveClient().kpi.models.query({ range: lastWeek });
    const partlyUnpriced = a.rows.find((row) => row.unpricedRequests > 0 && row.unpricedRequests < row.requests);
    expect(partlyUnpriced).toBeDefined();
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <ModelPopularity />
      </TestProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: `Show all ${a.models} models` }));
    await expect.poll(() => rows(screen.container).length).toBe(a.rows.length);
    const row = rows(screen.container).find((r) => r.label === partlyUnpriced?.model);
    expect(row?.value).toContain(
      `${money(partlyUnpriced?.costUsd as number)} + ${integer.format(partlyUnpriced?.unpricedRequests as number)} unpriced`,
    );
    await userEvent.click(screen.getByRole("button", { name: "Show the top models" }));
    await expect.poll(() => rows(screen.container).length).toBe(9);
  });

  it("reads the top five models per day with the keyboard", async () => {
    const a = await liveClient().kpi.models.query({ range: lastWeek });
    const last = a.series.at(-1) as (typeof a.series)[number];
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <ModelPopularity />
      </TestProvider>,
    );
    const chart = screen.getByRole("slider", { name: "Requests per day: top models and the rest" });
    await expect.element(chart).toBeVisible();
    (chart.element() as HTMLElement).focus();
    const first = a.topModels[0] as { model: string };
    await expect
      .element(chart)
      .toHaveAttribute(
        "aria-valuetext",
        expect.stringContaining(`${day.format(new Date(last.t))}: ${first.model} ${integer.format(last.top[0] as number)}`),
      );
    await expect.element(chart).toHaveAttribute("aria-valuetext", expect.stringContaining(`Other ${integer.format(last.other)}`));
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent(first.model);
  });

  it("shows the empty state for a range without requests, and Retry refetches after an error", async () => {
    const empty = await render(
      <TestProvider defaultFilters={{ model: "no-such-model" }}>
        <ModelPopularity />
      </TestProvider>,
    );
    await expect.element(empty.getByText("No requests in this range")).toBeVisible();
    await empty.unmount();

    const { client, heal } = healableClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <ModelPopularity />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    heal();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.element(screen.getByRole("list", { name: "Share of requests by model" })).toBeVisible();
  });
});
