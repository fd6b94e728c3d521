import { describe, expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import "../../test/render.js";
import { TimeSeries } from "./TimeSeries.js";

// Five hourly buckets of a gap-filled series, as kpi.throughput returns them.
const data = [
  { t: "2026-11-22T00:00:00.000Z", success: 120, error: 3 },
  { t: "2026-11-22T01:00:00.000Z", success: 80, error: 0 },
  { t: "2026-11-22T02:00:00.000Z", success: 0, error: 0 },
  { t: "2026-11-22T03:00:00.000Z", success: 1450, error: 12 },
  { t: "2026-11-22T04:00:00.000Z", success: 990, error: 41 },
];
const series = [
  { key: "success", label: "Success" },
  { key: "error", label: "Error" },
];

describe("TimeSeries", () => {
  it("draws nothing while its container is 0 px wide", async () => {
    const screen = await render(
      <div style={{ width: 0 }}>
        <TimeSeries data={data} series={series} label="Requests per hour" />
      </div>,
    );
    // Give the ResizeObserver a chance to report.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(screen.container.querySelector("svg")).toBeNull();
  });

  it("fills its container's width and draws one line per series", async () => {
    const screen = await render(
      <div style={{ width: 640 }}>
        <TimeSeries data={data} series={series} label="Requests per hour" />
      </div>,
    );
    await expect.poll(() => screen.container.querySelector("svg")?.getAttribute("width")).toBe("640");
    expect(screen.container.querySelectorAll("svg path")).toHaveLength(2);
  });

  it("stacks bars and skips empty segments", async () => {
    const screen = await render(
      <div style={{ width: 640 }}>
        <TimeSeries data={data} series={series} variant="bar" label="Requests per hour" />
      </div>,
    );
    await expect.poll(() => screen.container.querySelector("svg")).not.toBeNull();
    // success > 0 in 4 buckets, error > 0 in 3 buckets
    expect(screen.container.querySelectorAll("svg rect")).toHaveLength(7);
  });

  it("opens its tooltip from the keyboard and walks the buckets with the arrow keys", async () => {
    const screen = await render(
      <div style={{ width: 640 }}>
        <button type="button">before</button>
        <TimeSeries data={data} series={series} label="Requests per hour" />
      </div>,
    );
    const chart = screen.getByRole("slider", { name: "Requests per hour" });
    await expect.poll(() => screen.container.querySelector("svg")).not.toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "before" }));
    await userEvent.tab();
    await expect.element(chart).toHaveFocus();

    const tooltip = screen.getByTestId("pm-tooltip");
    // Focus lands on the latest bucket.
    await expect.element(tooltip).toHaveTextContent("Nov 22, 4:00 AM");
    await expect.element(tooltip).toHaveTextContent("Success990");
    await expect.element(chart).toHaveAttribute("aria-valuetext", "Nov 22, 4:00 AM: Success 990, Error 41");

    await userEvent.keyboard("{ArrowLeft}");
    await expect.element(chart).toHaveAttribute("aria-valuetext", "Nov 22, 3:00 AM: Success 1.5K, Error 12");
    await expect.element(tooltip).toHaveTextContent("Nov 22, 3:00 AM");

    await userEvent.keyboard("{Home}");
    await expect.element(chart).toHaveAttribute("aria-valuenow", "0");
    await expect.element(tooltip).toHaveTextContent("Nov 22, 12:00 AM");

    await userEvent.keyboard("{Escape}");
    await expect.element(screen.getByTestId("pm-tooltip")).not.toBeInTheDocument();
  });

  it("uses the given formatter and time zone in the tooltip", async () => {
    const screen = await render(
      <div style={{ width: 640 }}>
        <TimeSeries
          data={data}
          series={[{ key: "success", label: "Spend" }]}
          label="Spend per hour"
          timeZone="Asia/Tokyo"
          formatValue={(v) => `$${v.toFixed(2)}`}
        />
      </div>,
    );
    await expect.poll(() => screen.container.querySelector("svg")).not.toBeNull();
    (screen.getByRole("slider").element() as HTMLElement).focus();
    // 04:00 UTC is 1 PM in Tokyo.
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent("Nov 22, 1:00 PM");
    await expect.element(screen.getByTestId("pm-tooltip")).toHaveTextContent("$990.00");
  });

  it("names the day on the axis when hourly buckets cross midnight", async () => {
    // 48 hours from Nov 21 00:00 UTC, 640 px wide: a tick every 6 hours.
    const hours = Array.from({ length: 48 }, (_, i) => ({ t: new Date(Date.UTC(2026, 10, 21, i)).toISOString(), success: 1, error: 0 }));
    const screen = await render(
      <div style={{ width: 640 }}>
        <TimeSeries data={hours} series={series} label="Requests per hour" timeZone="UTC" />
      </div>,
    );
    await expect.poll(() => screen.container.querySelector("svg")).not.toBeNull();
    const ticks = [...screen.container.querySelectorAll("svg text")]
      .map((t) => t.textContent)
      .filter((t) => /[A-Z][a-z]{2} \d|:/.test(t ?? ""));
    expect(ticks).toEqual(["Nov 21", "6:00 AM", "12:00 PM", "6:00 PM", "Nov 22", "6:00 AM", "12:00 PM", "6:00 PM"]);
  });

  it("puts count ticks on whole numbers only", async () => {
    const sparse = [
      { t: "2026-11-22T00:00:00.000Z", success: 1, error: 0 },
      { t: "2026-11-22T00:01:00.000Z", success: 0, error: 0 },
    ];
    const screen = await render(
      <div style={{ width: 640 }}>
        <TimeSeries data={sparse} series={series} label="Requests per minute" integer />
      </div>,
    );
    await expect.poll(() => screen.container.querySelector("svg")).not.toBeNull();
    const yLabels = [...screen.container.querySelectorAll("svg text[text-anchor='end']")].map((t) => t.textContent);
    expect(yLabels).toEqual(["0", "1"]);
  });

  it("keeps a long hidden table from stretching the page", async () => {
    const hours = Array.from({ length: 400 }, (_, i) => ({ t: new Date(Date.UTC(2026, 10, 1, i)).toISOString(), success: i, error: 0 }));
    const screen = await render(
      <div style={{ width: 640, position: "relative", overflow: "auto", height: 400 }} data-testid="box">
        <TimeSeries data={hours} series={series} label="Requests per hour" />
      </div>,
    );
    await expect.poll(() => screen.container.querySelector("svg")).not.toBeNull();
    const box = screen.getByTestId("box").element() as HTMLElement;
    // 400 rows would be thousands of pixels tall if the table kept its size.
    expect(box.scrollHeight).toBeLessThanOrEqual(400);
  });

  it("carries every bucket in a table for screen readers", async () => {
    const screen = await render(
      <div style={{ width: 640 }}>
        <TimeSeries data={data} series={series} label="Requests per hour" />
      </div>,
    );
    const table = screen.container.querySelector("table.pm-sr-only") as HTMLTableElement;
    expect(table.caption?.textContent).toBe("Requests per hour");
    const rows = Array.from(table.querySelectorAll("tbody tr")).map((row) => Array.from(row.children).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["Nov 22, 12:00 AM", "120", "3"],
      ["Nov 22, 1:00 AM", "80", "0"],
      ["Nov 22, 2:00 AM", "0", "0"],
      ["Nov 22, 3:00 AM", "1.5K", "12"],
      ["Nov 22, 4:00 AM", "990", "41"],
    ]);
  });

  it("leaves a gap for null values (no eligible requests) and reads them as a dash, not 0", async () => {
    const latency = [
      { t: "2026-11-22T00:00:00.000Z", p95: 1200 },
      { t: "2026-11-22T01:00:00.000Z", p95: null },
      { t: "2026-11-22T02:00:00.000Z", p95: 900 },
      { t: "2026-11-22T03:00:00.000Z", p95: 950 },
    ];
    const screen = await render(
      <div style={{ width: 640 }}>
        <TimeSeries data={latency} series={[{ key: "p95", label: "p95" }]} label="p95 per hour" formatValue={(v) => `${v} ms`} />
      </div>,
    );
    await expect.poll(() => screen.container.querySelector("svg")).not.toBeNull();
    // Two runs: the first point alone (also marked with a dot, since a lone point makes no visible segment), then 02:00–03:00.
    const path = screen.container.querySelector("svg path")?.getAttribute("d") ?? "";
    expect(path.match(/M/g)).toHaveLength(2);
    expect(screen.container.querySelectorAll("svg circle")).toHaveLength(1);
    const cells = Array.from(screen.container.querySelectorAll("table.pm-sr-only tbody td")).map((cell) => cell.textContent);
    expect(cells).toEqual(["1200 ms", "—", "900 ms", "950 ms"]);
  });

  it("draws a sparkline without axes inside a fixed y domain", async () => {
    const rates = [
      { t: "2026-11-22T00:00:00.000Z", rate: 0.97 },
      { t: "2026-11-22T01:00:00.000Z", rate: 0.99 },
    ];
    const screen = await render(
      <div style={{ width: 200 }}>
        <TimeSeries
          data={rates}
          series={[{ key: "rate", label: "Success rate" }]}
          label="Success rate"
          axes={false}
          yDomain={[0.9, 1]}
          height={60}
        />
      </div>,
    );
    await expect.poll(() => screen.container.querySelector("svg")).not.toBeNull();
    expect(screen.container.querySelectorAll("svg text")).toHaveLength(0);
    expect(screen.container.querySelectorAll("svg line")).toHaveLength(0);
    // Plot height 52 (60 − 2 × 4) over [0.9, 1]: 0.97 sits 30 % down from the top, 0.99 10 % (path coordinates are the plot's).
    const path = screen.container.querySelector("svg path")?.getAttribute("d") ?? "";
    // Edge to edge: the first point on the left edge, the last on the right (plot width 192).
    expect(path.startsWith("M0,")).toBe(true);
    expect(path).toMatch(/192,[\d.]+$/);
    const ys = [...path.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys[0]).toBeCloseTo(52 * 0.3, 1);
  });
});
