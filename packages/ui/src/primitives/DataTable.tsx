"use client";
import { type KeyboardEvent, type ReactNode, useMemo, useState } from "react";

/** One column of a DataTable. */
export interface DataTableColumn<Row> {
  /** Stable identity of the column. */
  key: string;
  /** Header text. */
  header: string;
  /** Cell content for a row. */
  cell: (row: Row) => ReactNode;
  /** `end` for numbers (right-aligned, tabular figures). */
  align?: "start" | "end";
  /** Makes the column sortable by this value. */
  sortValue?: (row: Row) => number | string | null | undefined;
}

export interface DataTableProps<Row> {
  /** What the table lists; shown to screen readers (and on screen with `showCaption`). */
  caption: string;
  /** Show the caption on screen too. */
  showCaption?: boolean;
  /** The columns in order. */
  columns: ReadonlyArray<DataTableColumn<Row>>;
  /** The rows in their initial order. */
  rows: readonly Row[];
  /** Stable key of a row. */
  rowKey: (row: Row) => string;
  /** Makes rows clickable (and focusable: opened with Enter or Space, walked with the arrow keys, Home and End). */
  onRowClick?: ((row: Row) => void) | undefined;
  /** Initial sort: a sortable column key and a direction. */
  defaultSort?: { key: string; direction: "asc" | "desc" } | undefined;
}

type Sort = { key: string; direction: "asc" | "desc" };

function compare(a: number | string | null | undefined, b: number | string | null | undefined): number {
  // Unknowns sort last whatever the direction of the others.
  if (a == null) return b == null ? 0 : 1;
  if (b == null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

/** A plain, accessible table with optional sorting and clickable rows. */
export function DataTable<Row>(props: DataTableProps<Row>): ReactNode {
  const { caption, showCaption, columns, rows, rowKey, onRowClick } = props;
  const [sort, setSort] = useState<Sort | undefined>(props.defaultSort);

  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    if (!sort || !column?.sortValue) return rows;
    const value = column.sortValue;
    const sign = sort.direction === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va == null || vb == null) return compare(va, vb);
      return sign * compare(va, vb);
    });
  }, [rows, columns, sort]);

  const toggle = (key: string) =>
    setSort((current) =>
      current?.key === key ? { key, direction: current.direction === "asc" ? "desc" : "asc" } : { key, direction: "desc" },
    );

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: Row) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onRowClick?.(row);
      return;
    }
    // Arrow keys, Home and End move between rows, so a long table is not one Tab stop per row to walk.
    const rowsOfBody = Array.from(event.currentTarget.parentElement?.children ?? []) as HTMLElement[];
    const at = rowsOfBody.indexOf(event.currentTarget);
    const target = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rowsOfBody.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    rowsOfBody[Math.max(0, Math.min(rowsOfBody.length - 1, target))]?.focus();
  };

  return (
    <div className="pm-table-wrap">
      <table className={onRowClick ? "pm-table pm-table-clickable" : "pm-table"}>
        <caption className={showCaption ? "pm-card-subtitle" : "pm-sr-only"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              const ariaSort = active ? (sort.direction === "asc" ? "ascending" : "descending") : undefined;
              return (
                <th key={column.key} scope="col" aria-sort={ariaSort} className={column.align === "end" ? "pm-align-end" : undefined}>
                  {column.sortValue ? (
                    <button type="button" className="pm-sort-button" onClick={() => toggle(column.key)}>
                      {column.header}
                      <span aria-hidden="true">{active ? (sort.direction === "asc" ? "↑" : "↓") : "↕"}</span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr
              key={rowKey(row)}
              tabIndex={onRowClick ? 0 : undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              onKeyDown={onRowClick ? (event) => onKeyDown(event, row) : undefined}
            >
              {columns.map((column) => (
                <td key={column.key} className={column.align === "end" ? "pm-align-end" : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
