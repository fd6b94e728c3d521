"use client";
import type { ReactNode } from "react";
import { DataTable, type DataTableColumn } from "../../primitives/DataTable.js";
import { computeDelta } from "../../primitives/delta.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { TopUsersViewData, TopUserViewRow } from "./prepare.js";

export interface TopUsersViewProps {
  /** Prepared rows (see `prepareTopUsers`). */
  data: TopUsersViewData;
  /** Called when a row is opened (click, Enter or Space); rows are focusable only when given. */
  onSelectUser?: ((userId: string) => void) | undefined;
  /** The user the dashboard is narrowed to, marked as selected. */
  selectedUserId?: string | undefined;
  /** BCP 47 locale (default the provider's). */
  locale?: string | undefined;
}

const ARROWS = { up: "▲", down: "▼", flat: "■" } as const;

/** The top users as a table; the ranked column carries a bar and, with `compare`, its change. */
export function TopUsersView({ data, onSelectUser, selectedUserId, locale }: TopUsersViewProps): ReactNode {
  const f = useFormatters(locale);

  const ranked = (row: TopUserViewRow, text: string): ReactNode => {
    // More use is neither good nor bad news, so the change stays neutral.
    const delta = row.previousRankValue === null ? null : computeDelta(row.rankValue, row.previousRankValue, "none");
    return (
      <span className="pm-rank-cell">
        <span className="pm-rank-track" aria-hidden="true">
          <span className="pm-rank-bar" style={{ width: `${row.rankFraction * 100}%` }} />
        </span>
        <span className="pm-rank-text">{text}</span>
        {delta && (
          <span className="pm-rank-delta">
            <span aria-hidden="true">{ARROWS[delta.direction]}</span>
            {delta.change === null ? " new" : ` ${f.percent(Math.abs(delta.change))}`}
            <span className="pm-sr-only"> {delta.direction === "flat" ? "unchanged" : delta.direction} vs previous period</span>
          </span>
        )}
      </span>
    );
  };

  const columns: Array<DataTableColumn<TopUserViewRow>> = [
    {
      key: "user",
      header: "User",
      cell: (row) => (
        <span className="pm-user-cell">
          {row.userId}
          {row.userId === selectedUserId && <span className="pm-badge">dashboard filter</span>}
        </span>
      ),
    },
    {
      key: "requests",
      header: "Requests",
      align: "end",
      cell: (row) => (data.by === "requests" ? ranked(row, f.number(row.requests, 0)) : f.number(row.requests, 0)),
    },
    {
      key: "cost",
      header: "Cost",
      align: "end",
      cell: (row) => (data.by === "cost" ? ranked(row, f.currency(row.costUsd)) : f.currency(row.costUsd)),
    },
    {
      key: "tokens",
      header: "Tokens",
      align: "end",
      cell: (row) => (data.by === "tokens" ? ranked(row, f.compact(row.tokens)) : f.compact(row.tokens)),
    },
    { key: "errorRate", header: "Error rate", align: "end", cell: (row) => f.percent(row.errorRate) },
    { key: "feedback", header: "Feedback", align: "end", cell: (row) => f.number(row.feedbackCount, 0) },
    { key: "avgScore", header: "Avg score", align: "end", cell: (row) => f.number(row.avgScore, 2) },
    { key: "lastSeen", header: "Last seen", align: "end", cell: (row) => f.dateTime(row.lastSeen) },
  ];

  return (
    <div className="pm-widget-stack">
      <DataTable
        caption={`Top ${data.rows.length} users by ${data.by}${onSelectUser ? "; open a row to narrow the dashboard to that user" : ""}`}
        columns={columns}
        rows={data.rows}
        rowKey={(row) => row.userId}
        onRowClick={onSelectUser ? (row) => onSelectUser(row.userId) : undefined}
      />
      {data.unpricedRequests > 0 && (
        <p className="pm-footnote">Cost leaves out {f.number(data.unpricedRequests, 0)} requests to models without a price.</p>
      )}
    </div>
  );
}
