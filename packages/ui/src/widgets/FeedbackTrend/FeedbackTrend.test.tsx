import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { countingClient, readClient } from "../../../test/counting-client.js";
import { seededServer, TestProvider } from "../../../test/render.js";
import { FeedbackTrend } from "./FeedbackTrend.js";

const server = seededServer();
const api = readClient();
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });

const stat = (container: HTMLElement, label: string) =>
  Array.from(container.querySelectorAll(".pm-stat"))
    .find((el) => el.querySelector(".pm-stat-label")?.textContent === label)
    ?.querySelector(".pm-stat-value")?.textContent;

describe("FeedbackTrend", () => {
  it("shows kpi.feedback's count, mean score and rate", async () => {
    const expected = await api.kpi.feedback.query({ range: server.range, timezone: "UTC" });
    const screen = await render(
      <TestProvider>
        <FeedbackTrend />
      </TestProvider>,
    );
    await expect.poll(() => stat(screen.container, "Feedback"), { timeout: 10_000 }).toBe(integer.format(expected.count));
    expect(stat(screen.container, "Avg score")).toBe(twoDecimals.format(expected.avgScore ?? Number.NaN));
    expect(stat(screen.container, "Feedback rate")).toBe(percent.format(expected.feedbackRate ?? Number.NaN));
  });

  it("reads each day's volume and score from the keyboard", async () => {
    const expected = await api.kpi.feedback.query({ range: server.range, timezone: "UTC" });
    const last = expected.series.at(-1);
    const first = expected.series[0];
    const screen = await render(
      <TestProvider>
        <button type="button">before</button>
        <FeedbackTrend />
      </TestProvider>,
    );
    const volume = screen.getByRole("slider", { name: "Feedback per day" });
    const score = screen.getByRole("slider", { name: "Average score per day" });
    await expect.element(volume, { timeout: 10_000 }).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "before" }));
    await userEvent.tab();
    await expect.element(volume).toHaveFocus();
    await expect
      .element(volume)
      .toHaveAttribute("aria-valuetext", `${day.format(new Date(last?.t ?? 0))}: Feedback ${integer.format(last?.count ?? 0)}`);
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent(`Feedback${integer.format(last?.count ?? 0)}`);
    await userEvent.tab();
    await expect.element(score).toHaveFocus();
    await userEvent.keyboard("{Home}");
    await expect
      .element(score)
      .toHaveAttribute(
        "aria-valuetext",
        `${day.format(new Date(first?.t ?? 0))}: Avg score ${twoDecimals.format(first?.avgScore ?? Number.NaN)}`,
      );
  });

  it("shows the empty state for a range without feedback", async () => {
    const screen = await render(
      <TestProvider>
        <FeedbackTrend filters={{ model: "no-such-model" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No feedback in this range"), { timeout: 10_000 }).toBeVisible();
  });

  it("shows the error with a Retry that refetches", async () => {
    const { client, calls } = countingClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <FeedbackTrend />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert"), { timeout: 10_000 }).toHaveTextContent("missing or invalid API key");
    const before = calls();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(calls).toBe(before + 1);
  });
});
