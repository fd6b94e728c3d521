import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import { probedState, StateProbe, TestProvider } from "../../../test/render.js";
import { TimeRangePicker } from "./TimeRangePicker.js";

describe("TimeRangePicker", () => {
  it("sets a relative range for the widgets beneath", async () => {
    const screen = await render(
      <TestProvider defaultRange={{ last: "7d" }}>
        <TimeRangePicker />
        <StateProbe />
      </TestProvider>,
    );
    await expect.element(screen.getByRole("radio", { name: "Last 7 days" })).toBeChecked();
    await userEvent.click(screen.getByText("24h"));
    await expect.element(screen.getByRole("radio", { name: "Last 24 hours" })).toBeChecked();
    expect(probedState().range).toEqual({ last: "24h" });
  });

  it("is operable with the keyboard like any radio group", async () => {
    const screen = await render(
      <TestProvider defaultRange={{ last: "7d" }}>
        <TimeRangePicker options={["24h", "7d", "30d"]} allowCustom={false} />
        <StateProbe />
      </TestProvider>,
    );
    (screen.getByRole("radio", { name: "Last 7 days" }).element() as HTMLElement).focus();
    await userEvent.keyboard("{ArrowRight}");
    await expect.element(screen.getByRole("radio", { name: "Last 30 days" })).toBeChecked();
    expect(probedState().range).toEqual({ last: "30d" });
    expect(screen.container.querySelectorAll('input[type="radio"]')).toHaveLength(3);
  });

  it("sets whole local days as a custom range in the provider's time zone", async () => {
    const screen = await render(
      <TestProvider timezone="Europe/Paris">
        <TimeRangePicker />
        <StateProbe />
      </TestProvider>,
    );
    // The seeded range is absolute, so the custom inputs are already open on its days.
    await expect.element(screen.getByRole("radio", { name: "Custom" })).toBeChecked();
    await screen.getByLabelText("From", { exact: true }).fill("2026-03-28");
    await screen.getByLabelText("To", { exact: true }).fill("2026-03-29");
    await userEvent.click(screen.getByRole("button", { name: "Apply" }));
    // Paris is UTC+1 on the 28th and UTC+2 from 02:00 on the 29th.
    await expect.poll(() => probedState().range).toEqual({ from: "2026-03-27T23:00:00.000Z", to: "2026-03-29T22:00:00.000Z" });
  });

  it("refuses a reversed custom range", async () => {
    const screen = await render(
      <TestProvider>
        <TimeRangePicker />
      </TestProvider>,
    );
    await screen.getByLabelText("From", { exact: true }).fill("2026-11-20");
    await screen.getByLabelText("To", { exact: true }).fill("2026-11-10");
    await expect.element(screen.getByRole("button", { name: "Apply" })).toBeDisabled();
  });
});
