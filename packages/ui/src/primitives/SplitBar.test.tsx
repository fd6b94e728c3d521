import { describe, expect, it } from "vitest";
import { render } from "vitest-browser-react";
import "../../test/render.js";
import { SplitBar } from "./SplitBar.js";

const segments = [
  { key: "positive", label: "Positive", value: 30, color: "var(--pm-good)" },
  { key: "neutral", label: "Neutral", value: 0, color: "var(--pm-muted-foreground)" },
  { key: "negative", label: "Negative", value: 10, color: "var(--pm-bad)" },
];

describe("SplitBar", () => {
  it("states every part's value and share in a named list, and draws only the non-empty parts", async () => {
    const screen = await render(
      <div style={{ width: 400 }}>
        <SplitBar segments={segments} label="Feedback by sentiment" />
      </div>,
    );
    const list = screen.getByRole("list", { name: "Feedback by sentiment" });
    await expect.element(list).toHaveTextContent("Positive3075%");
    await expect.element(list).toHaveTextContent("Neutral00%");
    await expect.element(list).toHaveTextContent("Negative1025%");
    const parts = Array.from(screen.container.querySelectorAll<HTMLElement>(".pm-splitbar-part"));
    expect(parts.map((p) => p.style.flexGrow)).toEqual(["0.75", "0.25"]);
  });
});
