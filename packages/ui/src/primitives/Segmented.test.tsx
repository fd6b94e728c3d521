import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import "../../test/render.js";
import { useState } from "react";
import { Segmented } from "./Segmented.js";

const options = [
  { value: "requests", label: "Requests" },
  { value: "cost", label: "Cost" },
  { value: "tokens", label: "Tokens" },
] as const;

function Harness() {
  const [value, setValue] = useState<"requests" | "cost" | "tokens">("requests");
  return (
    <>
      <Segmented label="Rank users by" options={options} value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  );
}

describe("Segmented", () => {
  it("is a named radio group that the mouse and the arrow keys both switch", async () => {
    const screen = await render(<Harness />);
    await expect.element(screen.getByRole("group", { name: "Rank users by" })).toBeVisible();
    await expect.element(screen.getByRole("radio", { name: "Requests" })).toBeChecked();
    await userEvent.click(screen.getByText("Cost"));
    await expect.element(screen.getByTestId("value")).toHaveTextContent("cost");
    await expect.element(screen.getByRole("radio", { name: "Cost" })).toHaveFocus();
    await userEvent.keyboard("{ArrowRight}");
    await expect.element(screen.getByTestId("value")).toHaveTextContent("tokens");
    await expect.element(screen.getByRole("radio", { name: "Tokens" })).toBeChecked();
  });
});
