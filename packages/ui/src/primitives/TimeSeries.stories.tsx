import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { expect, userEvent, within } from "storybook/test";
import { LiveFrame } from "../../test/LiveFrame.js";
import { useTRPC } from "../provider/trpc.js";
import { useKpiQueryInput } from "../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../provider/use-promptmeter-query-client.js";
import { isAllZero } from "./series.js";
import { TimeSeries } from "./TimeSeries.js";
import { useFormatters } from "./use-formatters.js";

/** Requests per day by status, from the real `kpi.throughput` of the seeded server. */
function Throughput({ variant, width }: { variant: "line" | "area" | "bar"; width: number | string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.throughput.queryOptions(useKpiQueryInput({ bucket: "day" })), usePromptmeterQueryClient());
  const f = useFormatters();
  return (
    <div style={{ width, maxWidth: "100%" }}>
      <LiveFrame
        title="Requests"
        subtitle="Per day, by status"
        query={query}
        isEmpty={(d) => isAllZero(d.series, ["success", "error"])}
        emptyMessage="No requests in this range."
      >
        {(d) => (
          <TimeSeries
            data={d.series}
            series={[
              { key: "success", label: "Success" },
              { key: "error", label: "Error", color: "var(--pm-destructive)" },
            ]}
            variant={variant}
            stacked
            label="Requests per day by status"
            formatValue={(v) => f.number(v, 0)}
            formatAxis={f.compact}
          />
        )}
      </LiveFrame>
    </div>
  );
}

/** Latency percentiles per day from `kpi.latency`: several lines with a duration format. */
function Latency() {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.latency.queryOptions(useKpiQueryInput({ bucket: "day" })), usePromptmeterQueryClient());
  const f = useFormatters();
  return (
    <div style={{ width: 720, maxWidth: "100%" }}>
      <LiveFrame
        title="Latency"
        subtitle="Successful requests, per day"
        query={query}
        isEmpty={(d) => d.series.every((p) => p.count === 0)}
      >
        {(d) => (
          <TimeSeries
            data={d.series}
            series={[
              { key: "p50", label: "p50" },
              { key: "p95", label: "p95" },
              { key: "p99", label: "p99" },
            ]}
            label="Latency percentiles per day"
            formatValue={f.duration}
          />
        )}
      </LiveFrame>
    </div>
  );
}

const meta = {
  title: "Primitives/TimeSeries",
  component: Throughput,
  args: { variant: "bar", width: 720 },
  argTypes: { variant: { control: "inline-radio", options: ["line", "area", "bar"] }, width: { control: "text" } },
} satisfies Meta<typeof Throughput>;
export default meta;
type Story = StoryObj<typeof meta>;

export const StackedBars: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const chart = await canvas.findByRole("slider", { name: "Requests per day by status" }, { timeout: 10_000 });
    chart.focus();
    await userEvent.keyboard("{Home}");
    // The first seeded day, 14 days before 2026-11-23.
    await expect(chart.getAttribute("aria-valuetext")).toMatch(/^Nov 9: Success [\d,]+, Error [\d,]+$/);
    await expect(await canvas.findByTestId("pm-tooltip")).toHaveTextContent("Nov 9");
  },
};
export const Areas: Story = { args: { variant: "area" } };
export const Lines: Story = { render: () => <Latency /> };
export const Narrow: Story = { args: { width: 320 } };
export const Dark: Story = { globals: { theme: "dark" } };
export const DarkLines: Story = { render: () => <Latency />, globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = { parameters: { promptmeter: { filters: { model: "no-such-model" } } } };
export const ErrorState: Story = {
  name: "Error",
  parameters: { promptmeter: { state: "error" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent("missing or invalid API key");
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};
