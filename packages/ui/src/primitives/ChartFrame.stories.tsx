import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { expect, userEvent, within } from "storybook/test";
import { LiveFrame } from "../../test/LiveFrame.js";
import { useTRPC } from "../provider/trpc.js";
import { useKpiQueryInput } from "../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../provider/use-promptmeter-query-client.js";
import { Stat } from "./Stat.js";
import { useFormatters } from "./use-formatters.js";

/** A frame around the real `kpi.overview`: the four states come from the server, not from props. */
function OverviewFrame() {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.overview.queryOptions(useKpiQueryInput()), usePromptmeterQueryClient());
  const f = useFormatters();
  return (
    <div style={{ width: 360, maxWidth: "100%" }}>
      <LiveFrame
        title="Requests"
        subtitle="In the selected range"
        actions={
          <button type="button" className="pm-button">
            Details
          </button>
        }
        skeleton="stat"
        minHeight={96}
        query={query}
        isEmpty={(d) => d.requests === 0}
        emptyMessage="No requests in this range."
      >
        {(d) => <Stat label="Requests" value={d.requests} format={(v) => f.number(v, 0)} hint={`${f.number(d.uniqueUsers, 0)} users`} />}
      </LiveFrame>
    </div>
  );
}

const meta = { title: "Primitives/ChartFrame", component: OverviewFrame } satisfies Meta<typeof OverviewFrame>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = { parameters: { promptmeter: { filters: { model: "no-such-model" } } } };
export const ErrorWithRetry: Story = {
  parameters: { promptmeter: { state: "error" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole("alert", {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent("missing or invalid API key");
    // Retry refetches: the (still rejected) call runs again and the error stays.
    await userEvent.click(canvas.getByRole("button", { name: "Retry" }));
    await expect(await canvas.findByRole("alert", {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const DataDark: Story = { globals: { theme: "dark" } };
export const ErrorDark: Story = { parameters: { promptmeter: { state: "error" } }, globals: { theme: "dark" } };
