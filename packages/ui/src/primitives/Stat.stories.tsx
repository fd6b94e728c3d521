import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { LiveFrame } from "../../test/LiveFrame.js";
import { SEED_RANGE } from "../../test/seed-range.js";
import { useTRPC } from "../provider/trpc.js";
import { useKpiQueryInput } from "../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../provider/use-promptmeter-query-client.js";
import { Stat } from "./Stat.js";
import { useFormatters } from "./use-formatters.js";

/** Headline numbers of the real `kpi.overview` with `compare`, each against the previous week. */
function OverviewStats() {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.overview.queryOptions(useKpiQueryInput({ compare: true })), usePromptmeterQueryClient());
  const f = useFormatters();
  return (
    <div style={{ maxWidth: 900 }}>
      <LiveFrame title="Last week" skeleton="stat" minHeight={96} query={query} isEmpty={(d) => d.requests === 0}>
        {(d) => (
          <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))", gap: 24 }}>
            <Stat label="Requests" value={d.requests} previous={d.previous?.requests ?? null} format={(v) => f.number(v, 0)} />
            <Stat label="Spend" value={d.costUsd} previous={d.previous?.costUsd ?? null} format={f.currency} goodDirection="down" />
            <Stat label="Error rate" value={d.errorRate} previous={d.previous?.errorRate ?? null} format={f.percent} goodDirection="down" />
            <Stat
              label="p95 latency"
              value={d.latency.p95}
              previous={d.previous?.latency.p95 ?? null}
              format={f.duration}
              goodDirection="down"
            />
            <Stat label="Users" value={d.uniqueUsers} format={(v) => f.number(v, 0)} hint="distinct user ids" size="small" />
          </div>
        )}
      </LiveFrame>
    </div>
  );
}

// The last 7 of the 14 seeded days, so that `compare` has a previous week with data.
const lastWeek = { from: new Date(Date.parse(SEED_RANGE.to) - 7 * 86_400_000).toISOString(), to: SEED_RANGE.to };

const meta = {
  title: "Primitives/Stat",
  component: OverviewStats,
  parameters: { promptmeter: { range: lastWeek } },
} satisfies Meta<typeof OverviewStats>;
export default meta;
type Story = StoryObj<typeof meta>;

export const WithDeltas: Story = {};
export const Dark: Story = { globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading", range: lastWeek } } };
export const Empty: Story = { parameters: { promptmeter: { range: lastWeek, filters: { model: "no-such-model" } } } };
export const ErrorState: Story = { name: "Error", parameters: { promptmeter: { state: "error", range: lastWeek } } };
