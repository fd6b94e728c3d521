import { describe, expect, it } from "vitest";
import { render } from "vitest-browser-react";
import "../../test/render.js";
import { createFormatters } from "./format.js";
import { Stat } from "./Stat.js";

const f = createFormatters("en-US", "UTC");

describe("Stat", () => {
  it("colours a rise in cost as bad news and says so in words", async () => {
    const screen = await render(<Stat label="Spend" value={120} previous={100} format={f.currency} goodDirection="down" />);
    await expect.element(screen.getByText("$120.00")).toBeVisible();
    const delta = screen.container.querySelector(".pm-stat-delta") as HTMLElement;
    expect(delta.className).toContain("pm-tone-bad");
    expect(delta.textContent).toBe("▲up 20%vs previous period ($100.00)");
  });

  it("colours a rise in success rate as good news", async () => {
    const screen = await render(<Stat label="Success rate" value={0.99} previous={0.9} format={f.percent} />);
    const delta = screen.container.querySelector(".pm-stat-delta") as HTMLElement;
    expect(delta.className).toContain("pm-tone-good");
    expect(delta.textContent).toContain("10%");
  });

  it("shows a dash for an unknown value and no delta without a previous value", async () => {
    const screen = await render(<Stat label="Spend" value={null} format={f.currency} />);
    await expect.element(screen.getByText("—")).toBeVisible();
    expect(screen.container.querySelector(".pm-stat-delta")).toBeNull();
  });
});
