import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeter } from "../../provider/use-promptmeter.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { FilterBar } from "./FilterBar.js";

/** Options from the real `kpi.models` and `kpi.features` (unfiltered), and the filters the bar sets. */
function LiveFilterBar() {
  const trpc = useTRPC();
  const queryClient = usePromptmeterQueryClient();
  // Option lists ignore the current filters, or choosing a model would hide every other model.
  const base = useKpiQueryInput({ filters: { model: undefined, provider: undefined, feature: undefined, status: undefined } });
  const models = useQuery(trpc.kpi.models.queryOptions(base), queryClient);
  const features = useQuery(trpc.kpi.features.queryOptions(base), queryClient);
  const { filters } = usePromptmeter();
  const options = {
    model: [...new Set(models.data?.rows.map((r) => r.model) ?? [])],
    provider: [...new Set(models.data?.rows.map((r) => r.provider) ?? [])],
    feature: features.data?.rows.flatMap((r) => (r.name ? [r.name] : [])) ?? [],
  };
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <FilterBar options={options} />
      <p className="pm-card-subtitle" data-testid="filters">
        Filters: {JSON.stringify(filters)}
      </p>
    </div>
  );
}

const meta = { title: "Controls/FilterBar", component: LiveFilterBar } satisfies Meta<typeof LiveFilterBar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const model = canvas.getByRole("combobox", { name: "Model" }) as HTMLSelectElement;
    // Wait for the options from the server, then pick the second model listed.
    await waitFor(() => expect(model.options.length).toBeGreaterThan(2), { timeout: 10_000 });
    const second = model.options[2]?.value ?? "";
    await userEvent.selectOptions(model, second);
    await expect(canvas.getByTestId("filters")).toHaveTextContent(`{"model":"${second}"}`);
    await expect(canvas.getByRole("button", { name: "Clear filters (1)" })).toBeEnabled();
  },
};
export const WithActiveFilters: Story = { parameters: { promptmeter: { filters: { feature: "chat", status: "error" } } } };
export const Dark: Story = { globals: { theme: "dark" } };
export const DarkWithActiveFilters: Story = {
  globals: { theme: "dark" },
  parameters: { promptmeter: { filters: { provider: "openai" } } },
};
