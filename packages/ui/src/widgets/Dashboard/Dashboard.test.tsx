import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { INVALID_READ_KEY } from "../../../test/clients.js";
import { liveClient } from "../../../test/live-clients.js";
import { seededServer, TestProvider } from "../../../test/render.js";
import { SEED_END, seedLastDays } from "../../../test/seed-range.js";
import { createPromptmeterClient } from "../../provider/create-client.js";
import { Dashboard } from "./Dashboard.js";
import { DASHBOARD_WIDGETS } from "./dashboard-widgets.js";

const lastWeek = seedLastDays(7);
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function shownRequests(root: Element): string | null | undefined {
  const strip = root.querySelector('[data-widget="OverviewStrip"]');
  const stat = [...(strip?.querySelectorAll(".pm-stat") ?? [])].find((s) => s.querySelector(".pm-stat-label")?.textContent === "Requests");
  return stat?.querySelector(".pm-stat-value")?.textContent;
}

describe("Dashboard", () => {
  it("shows every listed widget in its section, each as a titled card", async () => {
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <Dashboard goalsAt={SEED_END} />
      </TestProvider>,
    );
    for (const title of ["Spend and traffic", "Errors and reliability", "Usage", "Users", "Feedback and goals", "Request log"]) {
      await expect.element(screen.getByRole("heading", { level: 2, name: title })).toBeVisible();
    }
    const items = [...screen.container.querySelectorAll("[data-widget]")];
    expect(items.map((item) => item.getAttribute("data-widget"))).toEqual(DASHBOARD_WIDGETS.map((w) => w.name));
    for (const item of items)
      expect(item.querySelector(".pm-card-title")?.textContent, item.getAttribute("data-widget") ?? "").toBeTruthy();
  });

  it("narrows the widgets with the filter bar, whose models come from kpi.models", async () => {
    const models = await liveClient().kpi.models.query({ range: lastWeek });
    const model = models.rows[1]?.model as string;
    const all = await liveClient().kpi.overview.query({ range: lastWeek });
    const narrowed = await liveClient().kpi.overview.query({ range: lastWeek, filters: { model } });
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <Dashboard hide={["RequestLog", "GoalsPanel", "TopUsers", "FeatureBreakdown"]} />
      </TestProvider>,
    );
    await expect.poll(() => shownRequests(screen.container)).toBe(integer.format(all.requests));
    const select = screen.getByRole("combobox", { name: "Model" });
    await expect.poll(() => (select.element() as HTMLSelectElement).options.length).toBe(new Set(models.rows.map((r) => r.model)).size + 1);
    await userEvent.selectOptions(select, model);
    await expect.poll(() => shownRequests(screen.container)).toBe(integer.format(narrowed.requests));
  });

  it("leaves out hidden widgets and sections left empty, and can drop the controls", async () => {
    const screen = await render(
      <TestProvider defaultRange={lastWeek}>
        <Dashboard hide={["FeedbackSentiment", "FeedbackTrend", "GoalsPanel", "RequestLog"]} showControls={false} />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("heading", { level: 2, name: "Users" })).toBeVisible();
    expect(screen.container.querySelector('[data-widget="RequestLog"]')).toBeNull();
    expect(screen.container.querySelectorAll("h2")).toHaveLength(5);
    expect(screen.container.querySelector("select")).toBeNull();
  });

  it("gives each widget its own error state with a Retry", async () => {
    const client = createPromptmeterClient({ url: seededServer().url, apiKey: INVALID_READ_KEY });
    const screen = await render(
      <TestProvider trpcClient={client}>
        <Dashboard />
      </TestProvider>,
    );
    const withoutRetry = () =>
      DASHBOARD_WIDGETS.filter((w) => {
        const buttons = screen.container.querySelectorAll(`[data-widget="${w.name}"] [role="alert"] button`);
        return ![...buttons].some((button) => button.textContent === "Retry");
      }).map((w) => w.name);
    await expect.poll(withoutRetry, { timeout: 15_000 }).toEqual([]);
  });
});
