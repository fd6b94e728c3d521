"use client";
import type { ReactNode } from "react";

export interface VisuallyHiddenTableProps {
  /** What the table holds, e.g. "Requests per day". */
  caption: string;
  /** Column headers; the first names the row labels. */
  columns: readonly string[];
  /** Rows of formatted cells; the first cell of each row is its header. */
  rows: ReadonlyArray<ReadonlyArray<string>>;
}

/** The data of a chart as a real table that only screen readers see. */
export function VisuallyHiddenTable({ caption, columns, rows }: VisuallyHiddenTableProps): ReactNode {
  // A table ignores `height: 1px` (it is a minimum for tables), so the clipping box is a wrapper:
  // otherwise a long hidden table still stretches the page's scroll height.
  return (
    <div className="pm-sr-only">
      <table className="pm-sr-only">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reordered
            <tr key={r}>
              {row.map((cell, c) =>
                c === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <th key={c} scope="row">
                    {cell}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={c}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
