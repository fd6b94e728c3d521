import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { countingClient, readClient } from "../../../test/counting-client.js";
import { seededServer, TestProvider } from "../../../test/render.js";
import { FeedbackSentiment } from "./FeedbackSentiment.js";

const server = seededServer();
const api = readClient();
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

const stat = (container: HTMLElement, label: string) =>
  Array.from(container.querySelectorAll(".pm-stat"))
    .find((el) => el.querySelector(".pm-stat-label")?.textContent === label)
    ?.querySelector(".pm-stat-value")?.textContent;

describe("FeedbackSentiment", () => {
  it("shows kpi.feedback's sentiment counts and shares, mean score, rate and newest comments", async () => {
    const expected = await api.kpi.feedback.query({ range: server.range, timezone: "UTC" });
    const { positive, neutral, negative } = expected.sentiment;
    const total = positive + neutral + negative;
    const screen = await render(
      <TestProvider>
        <FeedbackSentiment comments={3} />
      </TestProvider>,
    );
    const split = screen.getByRole("list", { name: "Feedback by sentiment" });
    await expect.element(split, { timeout: 10_000 }).toBeVisible();
    await expect.element(split).toHaveTextContent(`Positive${integer.format(positive)}${percent.format(positive / total)}`);
    await expect.element(split).toHaveTextContent(`Neutral${integer.format(neutral)}${percent.format(neutral / total)}`);
    await expect.element(split).toHaveTextContent(`Negative${integer.format(negative)}${percent.format(negative / total)}`);
    expect(stat(screen.container, "Feedback")).toBe(integer.format(expected.count));
    expect(stat(screen.container, "Avg score")).toBe(twoDecimals.format(expected.avgScore ?? Number.NaN));
    expect(stat(screen.container, "Feedback rate")).toBe(percent.format(expected.feedbackRate ?? Number.NaN));
    const comments = Array.from(screen.container.querySelectorAll(".pm-message-text")).map((el) => el.textContent);
    expect(comments).toEqual(expected.recentComments.slice(0, 3).map((c) => c.comment));
  });

  it("shows the empty state for a range without feedback", async () => {
    const screen = await render(
      <TestProvider>
        <FeedbackSentiment filters={{ model: "no-such-model" }} />
      </TestProvider>,
    );
    await expect.element(screen.getByText("No feedback in this range"), { timeout: 10_000 }).toBeVisible();
  });

  it("shows the error with a Retry that refetches", async () => {
    const { client, calls } = countingClient();
    const screen = await render(
      <TestProvider trpcClient={client}>
        <FeedbackSentiment />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("alert"), { timeout: 10_000 }).toHaveTextContent("missing or invalid API key");
    const before = calls();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await expect.poll(calls).toBe(before + 1);
  });
});
