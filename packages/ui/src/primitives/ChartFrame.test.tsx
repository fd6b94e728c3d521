import { describe, expect, it, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import "../../test/render.js";
import { ChartFrame } from "./ChartFrame.js";

describe("ChartFrame", () => {
  it("shows a busy skeleton while loading", async () => {
    const screen = await render(<ChartFrame title="Spend" status="loading" />);
    await expect.element(screen.getByRole("region", { name: "Spend" })).toHaveAttribute("aria-busy", "true");
    await expect.element(screen.getByRole("status")).toHaveTextContent("Loading…");
  });

  it("shows the empty message", async () => {
    const screen = await render(<ChartFrame title="Spend" status="empty" emptyMessage="No spend in this range." />);
    await expect.element(screen.getByText("No spend in this range.")).toBeVisible();
  });

  it("shows the error and retries on click", async () => {
    const onRetry = vi.fn();
    const screen = await render(
      <ChartFrame title="Spend" status="error" error={new Error("missing or invalid API key")} onRetry={onRetry} />,
    );
    await expect.element(screen.getByRole("alert")).toHaveTextContent("Couldn't load this data");
    await expect.element(screen.getByRole("alert")).toHaveTextContent("missing or invalid API key");
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("shows the data with its title, subtitle and actions", async () => {
    const screen = await render(
      <ChartFrame title="Spend" subtitle="Last 7 days" actions={<button type="button">Export</button>} status="data" headingLevel={2}>
        <p>$12.40</p>
      </ChartFrame>,
    );
    await expect.element(screen.getByRole("heading", { level: 2, name: "Spend" })).toBeVisible();
    await expect.element(screen.getByText("Last 7 days")).toBeVisible();
    await expect.element(screen.getByRole("button", { name: "Export" })).toBeVisible();
    await expect.element(screen.getByText("$12.40")).toBeVisible();
  });
});
