import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import "../../test/render.js";
import { Heatmap } from "./Heatmap.js";

// Monday 0–23 counts up from 0; Tuesday 2 AM is the peak.
const matrix = Array.from({ length: 7 }, (_, day) => Array.from({ length: 24 }, (_, hour) => (day === 0 ? hour : 0)));
matrix[1]![2] = 500;

describe("Heatmap", () => {
  it("walks weekdays and hours with the arrow keys", async () => {
    const screen = await render(
      <div style={{ width: 720 }}>
        <Heatmap matrix={matrix} label="Requests by weekday and hour" />
      </div>,
    );
    await expect.poll(() => screen.container.querySelectorAll("svg rect").length).toBe(168);
    const grid = screen.getByRole("slider", { name: "Requests by weekday and hour" });
    (grid.element() as HTMLElement).focus();
    const tooltip = screen.getByTestId("pm-tooltip");
    await expect.element(tooltip).toHaveTextContent("Monday 12 AM");
    await userEvent.keyboard("{ArrowRight}{ArrowRight}{ArrowDown}");
    await expect.element(tooltip).toHaveTextContent("Tuesday 2 AM500");
    await expect.element(grid).toHaveAttribute("aria-valuetext", "Tuesday 2 AM: 500");
    await expect.element(grid).toHaveAttribute("aria-valuenow", String(24 + 2));
    await userEvent.keyboard("{End}");
    await expect.element(grid).toHaveAttribute("aria-valuetext", "Tuesday 11 PM: 0");
  });

  it("keeps rows tall enough for their labels in a narrow container, and outlines the highlighted cell", async () => {
    const screen = await render(
      <div style={{ width: 320 }}>
        <Heatmap matrix={matrix} label="Requests by weekday and hour" highlight={{ day: 1, hour: 2 }} />
      </div>,
    );
    await expect.poll(() => screen.container.querySelectorAll("svg rect").length).toBe(169);
    // 320 px leave (320 − 40) / 24 ≈ 11.7 px per hour; rows stay 15 px (13 px cells and a 2 px gap).
    expect(screen.container.querySelector("svg rect")?.getAttribute("height")).toBe("13");
    const highlight = screen.getByTestId("pm-heatmap-highlight").element();
    // Tuesday is the second row: 18 px of hour labels + 15 px, less the outline's 1.5 px, plus half the gap.
    expect(Number(highlight.getAttribute("y"))).toBeCloseTo(18 + 15 + 1 - 1.5, 5);
  });

  it("draws nothing at width 0 but keeps the table", async () => {
    const screen = await render(
      <div style={{ width: 0 }}>
        <Heatmap matrix={matrix} label="Requests by weekday and hour" />
      </div>,
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(screen.container.querySelector("svg")).toBeNull();
    const rows = screen.container.querySelectorAll("table.pm-sr-only tbody tr");
    expect(rows).toHaveLength(7);
    expect(rows[1]?.children[3]?.textContent).toBe("500");
  });
});
