import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { expect, userEvent, within } from "storybook/test";
import { useFormatters } from "../../primitives/use-formatters.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeter } from "../../provider/use-promptmeter.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { TimeRangePicker } from "./TimeRangePicker.js";
import { describeRange } from "./time-range.js";

/** The picker above a live request count from `kpi.overview`, which follows the chosen range. */
function PickerWithReadout(props: { allowCustom?: boolean }) {
  const { range, locale, timezone } = usePromptmeter();
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.overview.queryOptions(useKpiQueryInput()), usePromptmeterQueryClient());
  const f = useFormatters();
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <TimeRangePicker allowCustom={props.allowCustom ?? true} />
      <p className="pm-card-subtitle" data-testid="readout">
        {describeRange(range, locale, timezone)}: {query.data ? `${f.number(query.data.requests, 0)} requests` : "…"}
      </p>
    </div>
  );
}

const meta = { title: "Controls/TimeRangePicker", component: PickerWithReadout } satisfies Meta<typeof PickerWithReadout>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The seeded range is absolute: the picker opens on its days. */
export const CustomRange: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("radio", { name: "Custom" })).toBeChecked();
    await expect(await canvas.findByText(/Nov 9, 2026 – Nov 22, 2026: [\d,]+ requests/, {}, { timeout: 10_000 })).toBeVisible();
  },
};
export const Relative: Story = {
  parameters: { promptmeter: { range: { last: "7d" } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText("30d"));
    await expect(canvas.getByRole("radio", { name: "Last 30 days" })).toBeChecked();
    await expect(canvas.getByTestId("readout")).toHaveTextContent("Last 30 days");
  },
};
export const RelativeOnly: Story = { args: { allowCustom: false }, parameters: { promptmeter: { range: { last: "24h" } } } };
export const Dark: Story = { globals: { theme: "dark" } };
export const DarkRelative: Story = { globals: { theme: "dark" }, parameters: { promptmeter: { range: { last: "7d" } } } };
