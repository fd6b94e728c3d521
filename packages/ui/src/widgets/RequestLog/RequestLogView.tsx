"use client";
import { type FormEvent, type ReactNode, useId, useMemo, useState } from "react";
import { DataTable, type DataTableColumn } from "../../primitives/DataTable.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import { type LogRow, statusLabel } from "./prepare.js";

export interface RequestLogViewProps {
  /** The shown page of events, newest first. */
  rows: readonly LogRow[];
  /** 1-based number of the shown page. */
  page: number;
  /** Whether an older page exists. */
  hasOlder: boolean;
  /** Shows the next older page. */
  onOlder: () => void;
  /** Shows the next newer page (disabled on the first). */
  onNewer: () => void;
  /** Opens an event's details (click, Enter or Space on its row). */
  onOpen: (row: LogRow) => void;
  /** A page is being fetched: the rows shown are the previous ones. */
  fetching?: boolean;
  /** BCP 47 locale (default the provider's). */
  locale?: string | undefined;
  /** IANA time zone of the times (default the provider's). */
  timeZone?: string | undefined;
}

/** The events of one page as a table whose rows open the detail drawer, with older / newer paging. */
export function RequestLogView(props: RequestLogViewProps): ReactNode {
  const { rows, page, hasOlder, onOlder, onNewer, onOpen, fetching = false } = props;
  const f = useFormatters(props.locale, props.timeZone);
  // Seconds matter in a log: two requests a few seconds apart must not read as the same minute.
  const time = useMemo(
    () =>
      new Intl.DateTimeFormat(f.locale, {
        timeZone: f.timeZone,
        month: "short",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        second: "2-digit",
      }),
    [f.locale, f.timeZone],
  );
  const columns: Array<DataTableColumn<LogRow>> = [
    { key: "time", header: "Time", cell: (row) => <time dateTime={row.timestamp}>{time.format(new Date(row.timestamp))}</time> },
    {
      key: "status",
      header: "Status",
      cell: (row) => (
        <span className={`pm-status pm-status-${row.status === "error" ? "error" : row.rescued ? "rescued" : "ok"}`}>
          {statusLabel(row)}
        </span>
      ),
    },
    {
      key: "model",
      header: "Model",
      cell: (row) => (
        <span>
          {row.model} <span className="pm-muted">{row.provider}</span>
        </span>
      ),
    },
    { key: "feature", header: "Feature", cell: (row) => row.feature ?? "—" },
    { key: "user", header: "User", cell: (row) => row.userId ?? "—" },
    { key: "latency", header: "Latency", align: "end", cell: (row) => f.duration(row.latencyMs) },
    {
      key: "tokens",
      header: "Tokens in / out",
      align: "end",
      cell: (row) => `${f.compact(row.usage.inputTokens)} / ${f.compact(row.usage.outputTokens)}`,
    },
    { key: "cost", header: "Cost", align: "end", cell: (row) => f.currency(row.costUsd) },
    {
      key: "error",
      header: "Error message",
      cell: (row) =>
        row.errorMessage ? (
          <span className="pm-truncate" title={row.errorMessage}>
            {row.errorMessage}
          </span>
        ) : (
          ""
        ),
    },
  ];
  return (
    <div className="pm-widget-stack">
      <div aria-busy={fetching} className={fetching ? "pm-fetching" : undefined}>
        <DataTable
          caption={`Requests, newest first, page ${page}; open a row for its details`}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          onRowClick={onOpen}
        />
      </div>
      <nav className="pm-pager" aria-label="Pages of requests">
        <button type="button" className="pm-button" onClick={onNewer} disabled={page <= 1}>
          ← Newer
        </button>
        <span className="pm-pager-label">Page {f.number(page, 0)}</span>
        <button type="button" className="pm-button" onClick={onOlder} disabled={!hasOlder}>
          Older →
        </button>
      </nav>
    </div>
  );
}

export interface LogSearchProps {
  /** The applied search. */
  value: string;
  /** Applies a search ("" clears it). */
  onSearch: (q: string) => void;
}

/** A search box over error messages, applied on Enter or with its button. */
export function LogSearch({ value, onSearch }: LogSearchProps): ReactNode {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft.trim());
  };
  return (
    <form className="pm-log-search" aria-label="Search error messages" onSubmit={submit}>
      <label htmlFor={id} className="pm-sr-only">
        Search error messages
      </label>
      <input
        id={id}
        className="pm-input"
        type="search"
        placeholder="Search error messages"
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="pm-button">
        Search
      </button>
      {value && (
        <button type="button" className="pm-button" onClick={() => onSearch("")}>
          Clear
        </button>
      )}
    </form>
  );
}
