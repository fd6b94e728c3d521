import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { LiveFrame } from "../../test/LiveFrame.js";
import { useTRPC } from "../provider/trpc.js";
import { useKpiQueryInput } from "../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../provider/use-promptmeter-query-client.js";
import { useFormatters } from "./use-formatters.js";
import { VisuallyHiddenTable } from "./VisuallyHiddenTable.js";

/** The screen-reader table of the real `kpi.throughput` series; `revealed` shows what a screen reader reads. */
function ThroughputTable({ revealed }: { revealed: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.throughput.queryOptions(useKpiQueryInput({ bucket: "day" })), usePromptmeterQueryClient());
  const f = useFormatters();
  return (
    <div style={{ width: 480, maxWidth: "100%" }} className={revealed ? "pm-reveal-sr" : undefined}>
      {/* Only for this story: undo the visually-hidden clip so the table can be seen. */}
      <style>
        {
          ".pm-reveal-sr .pm-sr-only { position: static; width: auto; height: auto; margin: 0; overflow: visible; clip: auto; white-space: normal; }"
        }
      </style>
      <LiveFrame
        title="Requests"
        subtitle={revealed ? "The table a screen reader reads" : "Hidden table only"}
        query={query}
        isEmpty={(d) => d.series.length === 0}
      >
        {(d) => (
          <VisuallyHiddenTable
            caption="Requests per day"
            columns={["Day", "Success", "Error"]}
            rows={d.series.map((p) => [f.date(p.t), f.number(p.success, 0), f.number(p.error, 0)])}
          />
        )}
      </LiveFrame>
    </div>
  );
}

const meta = { title: "Primitives/VisuallyHiddenTable", component: ThroughputTable, args: { revealed: true } } satisfies Meta<
  typeof ThroughputTable
>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Revealed: Story = {};
export const Hidden: Story = { args: { revealed: false } };
