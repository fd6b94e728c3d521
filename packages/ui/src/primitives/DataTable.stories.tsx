import type { TopUserRow } from "@promptmeter/schema";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useQuery } from "@tanstack/react-query";
import { expect, userEvent, within } from "storybook/test";
import { LiveFrame } from "../../test/LiveFrame.js";
import { useTRPC } from "../provider/trpc.js";
import { useKpiQueryInput } from "../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../provider/use-promptmeter-query-client.js";
import { DataTable } from "./DataTable.js";
import { useFormatters } from "./use-formatters.js";

/** The real `kpi.topUsers` rows in a sortable table. */
function TopUsersTable() {
  const trpc = useTRPC();
  const input = { ...useKpiQueryInput(), by: "requests" as const, limit: 8 };
  const query = useQuery(trpc.kpi.topUsers.queryOptions(input), usePromptmeterQueryClient());
  const f = useFormatters();
  return (
    <div style={{ width: 760, maxWidth: "100%" }}>
      <LiveFrame title="Top users" subtitle="By requests" skeleton="list" query={query} isEmpty={(d) => d.rows.length === 0}>
        {(d) => (
          <DataTable<TopUserRow>
            caption="Top users by requests"
            rows={d.rows}
            rowKey={(row) => row.userId}
            columns={[
              { key: "user", header: "User", cell: (row) => row.userId, sortValue: (row) => row.userId },
              {
                key: "requests",
                header: "Requests",
                align: "end",
                cell: (row) => f.number(row.requests, 0),
                sortValue: (row) => row.requests,
              },
              { key: "cost", header: "Spend", align: "end", cell: (row) => f.currency(row.costUsd), sortValue: (row) => row.costUsd },
              {
                key: "errors",
                header: "Error rate",
                align: "end",
                cell: (row) => f.percent(row.errorRate),
                sortValue: (row) => row.errorRate,
              },
              { key: "last", header: "Last seen", cell: (row) => f.dateTime(row.lastSeen), sortValue: (row) => row.lastSeen },
            ]}
          />
        )}
      </LiveFrame>
    </div>
  );
}

const meta = { title: "Primitives/DataTable", component: TopUsersTable } satisfies Meta<typeof TopUsersTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const spend = await canvas.findByRole("button", { name: "Spend" }, { timeout: 10_000 });
    await userEvent.click(spend);
    await expect(canvas.getByRole("columnheader", { name: "Spend" })).toHaveAttribute("aria-sort", "descending");
  },
};
export const Dark: Story = { globals: { theme: "dark" } };
export const Loading: Story = { parameters: { promptmeter: { state: "loading" } } };
export const Empty: Story = { parameters: { promptmeter: { filters: { model: "no-such-model" } } } };
export const ErrorState: Story = { name: "Error", parameters: { promptmeter: { state: "error" } } };
