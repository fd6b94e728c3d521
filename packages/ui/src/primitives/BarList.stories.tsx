import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { LiveFrame } from "../../test/LiveFrame.js";
import { useTRPC } from "../provider/trpc.js";
import { useKpiQueryInput } from "../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../provider/use-promptmeter-query-client.js";
import { BarList } from "./BarList.js";
import { useFormatters } from "./use-formatters.js";

/** Requests per model from the real `kpi.models`, most requested first. */
function ModelsList() {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.models.queryOptions(useKpiQueryInput()), usePromptmeterQueryClient());
  const f = useFormatters();
  return (
    <div style={{ width: 480, maxWidth: "100%" }}>
      <LiveFrame title="Models" subtitle="Top 8 by requests" skeleton="list" query={query} isEmpty={(d) => d.rows.length === 0}>
        {(d) => (
          <BarList
            label="Requests per model"
            items={d.rows.slice(0, 8).map((row) => ({
              key: `${row.provider}/${row.model}`,
              // The same model served by two providers is two rows: name the provider then.
              label: d.rows.filter((other) => other.model === row.model).length > 1 ? `${row.model} · ${row.provider}` : row.model,
              value: row.requests,
              detail: f.percent(row.share),
            }))}
            formatValue={(v) => f.number(v, 0)}
          />
        )}
      </LiveFrame>
    </div>
  );
}

const meta = { title: "Primitives/BarList", component: ModelsList } satisfies Meta<typeof ModelsList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
export const Dark: Story = { globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = { parameters: { promptmeter: { filters: { model: "no-such-model" } } } };
export const ErrorState: Story = { name: "Error", parameters: { promptmeter: { state: "error" } } };
