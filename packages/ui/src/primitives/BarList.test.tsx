import { describe, expect, it } from "vitest";
import { render } from "vitest-browser-react";
import "../../test/render.js";
import { BarList } from "./BarList.js";

describe("BarList", () => {
  it("lists labels with formatted values and bars sized against the largest", async () => {
    const items = [
      { key: "gpt-4o-mini", label: "gpt-4o-mini", value: 1200, detail: "60%" },
      { key: "gpt-4o", label: "gpt-4o", value: 300 },
    ];
    const screen = await render(<BarList items={items} label="Requests by model" formatValue={(v) => `${v} req`} />);
    const list = screen.getByRole("list", { name: "Requests by model" });
    await expect.element(list).toBeVisible();
    const rows = screen.container.querySelectorAll("li");
    expect(rows[0]?.textContent).toBe("gpt-4o-mini1200 req60%");
    const fills = Array.from(screen.container.querySelectorAll<HTMLElement>(".pm-barlist-fill")).map((el) => el.style.width);
    expect(fills).toEqual(["100%", "25%"]);
  });
});
