import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { expect, userEvent, within } from "storybook/test";
import { LiveFrame } from "../../test/LiveFrame.js";
import { useTRPC } from "../provider/trpc.js";
import { useKpiQueryInput } from "../provider/use-kpi-query-input.js";
import { usePromptmeter } from "../provider/use-promptmeter.js";
import { usePromptmeterQueryClient } from "../provider/use-promptmeter-query-client.js";
import { Heatmap } from "./Heatmap.js";

/** Requests by local weekday × hour from the real `kpi.peakTimes`. */
function PeakTimes() {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.peakTimes.queryOptions(useKpiQueryInput()), usePromptmeterQueryClient());
  const { timezone } = usePromptmeter();
  return (
    <div style={{ width: 760, maxWidth: "100%" }}>
      <LiveFrame title="Peak hours" subtitle={`Requests by weekday and hour (${timezone})`} query={query} isEmpty={(d) => d.requests === 0}>
        {(d) => <Heatmap matrix={d.matrix} label="Requests by weekday and hour" />}
      </LiveFrame>
    </div>
  );
}

const meta = { title: "Primitives/Heatmap", component: PeakTimes } satisfies Meta<typeof PeakTimes>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const grid = await canvas.findByRole("slider", { name: "Requests by weekday and hour" }, { timeout: 10_000 });
    grid.focus();
    await userEvent.keyboard("{ArrowRight}{ArrowDown}");
    await expect(grid.getAttribute("aria-valuetext")).toMatch(/^Tuesday 1 AM: [\d,.K]+$/);
  },
};
export const InParis: Story = { parameters: { promptmeter: { timezone: "Europe/Paris" } } };
export const Dark: Story = { globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = { parameters: { promptmeter: { filters: { model: "no-such-model" } } } };
export const ErrorState: Story = { name: "Error", parameters: { promptmeter: { state: "error" } } };
