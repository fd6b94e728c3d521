import { describe, expect, it, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { render } from "vitest-browser-react";
import "../../test/render.js";
import { DataTable } from "./DataTable.js";

type Row = { userId: string; requests: number; costUsd: number | null };
const rows: Row[] = [
  { userId: "user-1", requests: 12, costUsd: 0.5 },
  { userId: "user-2", requests: 40, costUsd: null },
  { userId: "user-3", requests: 7, costUsd: 2 },
];
const columns = [
  { key: "user", header: "User", cell: (r: Row) => r.userId },
  { key: "requests", header: "Requests", align: "end" as const, cell: (r: Row) => r.requests, sortValue: (r: Row) => r.requests },
  { key: "cost", header: "Cost", align: "end" as const, cell: (r: Row) => r.costUsd ?? "—", sortValue: (r: Row) => r.costUsd },
];
const firstColumn = (container: HTMLElement) => Array.from(container.querySelectorAll("tbody tr")).map((tr) => tr.children[0]?.textContent);

describe("DataTable", () => {
  it("sorts by a column, descending first, and says so with aria-sort", async () => {
    const screen = await render(<DataTable caption="Top users" columns={columns} rows={rows} rowKey={(r) => r.userId} />);
    expect(firstColumn(screen.container)).toEqual(["user-1", "user-2", "user-3"]);
    await userEvent.click(screen.getByRole("button", { name: "Requests" }));
    expect(firstColumn(screen.container)).toEqual(["user-2", "user-1", "user-3"]);
    await expect.element(screen.getByRole("columnheader", { name: "Requests" })).toHaveAttribute("aria-sort", "descending");
    await userEvent.click(screen.getByRole("button", { name: "Requests" }));
    expect(firstColumn(screen.container)).toEqual(["user-3", "user-1", "user-2"]);
  });

  it("keeps unknown values last in both directions", async () => {
    const screen = await render(<DataTable caption="Top users" columns={columns} rows={rows} rowKey={(r) => r.userId} />);
    await userEvent.click(screen.getByRole("button", { name: "Cost" }));
    expect(firstColumn(screen.container)).toEqual(["user-3", "user-1", "user-2"]);
    await userEvent.click(screen.getByRole("button", { name: "Cost" }));
    expect(firstColumn(screen.container)).toEqual(["user-1", "user-3", "user-2"]);
  });

  it("opens a row with Enter", async () => {
    const onRowClick = vi.fn();
    const screen = await render(
      <DataTable caption="Top users" columns={columns} rows={rows} rowKey={(r) => r.userId} onRowClick={onRowClick} />,
    );
    (screen.getByRole("row", { name: /user-3/ }).element() as HTMLElement).focus();
    await userEvent.keyboard("{Enter}");
    expect(onRowClick).toHaveBeenCalledWith(rows[2]);
  });

  it("walks clickable rows with the arrow keys, Home and End", async () => {
    const screen = await render(
      <DataTable caption="Top users" columns={columns} rows={rows} rowKey={(r) => r.userId} onRowClick={() => {}} />,
    );
    const row = (name: RegExp) => screen.getByRole("row", { name });
    (row(/user-1/).element() as HTMLElement).focus();
    await userEvent.keyboard("{ArrowDown}");
    await expect.element(row(/user-2/)).toHaveFocus();
    await userEvent.keyboard("{End}");
    await expect.element(row(/user-3/)).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    await expect.element(row(/user-3/)).toHaveFocus();
    await userEvent.keyboard("{Home}");
    await expect.element(row(/user-1/)).toHaveFocus();
    await userEvent.keyboard("{ArrowUp}");
    await expect.element(row(/user-1/)).toHaveFocus();
  });
});
