import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { probedState, StateProbe, TestProvider } from "../../../test/render.js";
import { FilterBar } from "./FilterBar.js";

const options = { model: ["gpt-4o", "gpt-4o-mini"], feature: ["chat", "search"] };

describe("FilterBar", () => {
  it("shows a drop-down per filter with options, plus status", async () => {
    const screen = await render(
      <TestProvider>
        <FilterBar options={options} />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("combobox", { name: "Model" })).toBeVisible();
    await expect.element(screen.getByRole("combobox", { name: "Feature" })).toBeVisible();
    await expect.element(screen.getByRole("combobox", { name: "Status" })).toBeVisible();
    expect(screen.container.querySelectorAll("select")).toHaveLength(3);
  });

  it("sets and clears the provider's filters", async () => {
    const screen = await render(
      <TestProvider>
        <FilterBar options={options} />
        <StateProbe />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("button", { name: "Clear filters" })).toBeDisabled();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Model" }), "gpt-4o-mini");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "error");
    expect(probedState().filters).toEqual({ model: "gpt-4o-mini", status: "error" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Model" }), "All models");
    expect(probedState().filters).toEqual({ status: "error" });
    await userEvent.click(screen.getByRole("button", { name: "Clear filters (1)" }));
    expect(probedState().filters).toEqual({});
  });

  it("keeps a filter set elsewhere selectable even when the options lack it", async () => {
    const screen = await render(
      <TestProvider defaultFilters={{ model: "claude-sonnet-4-5" }}>
        <FilterBar options={options} />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("combobox", { name: "Model" })).toHaveValue("claude-sonnet-4-5");
  });
});
