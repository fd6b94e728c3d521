"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useRef, useState } from "react";
import { ChartFrame } from "../../primitives/ChartFrame.js";
import { ErrorState, LoadingSkeleton } from "../../primitives/ChartStates.js";
import { frameStateOf } from "../../primitives/frame-status.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { KpiOverrides } from "../../provider/merge-kpi-input.js";
import { useTRPC } from "../../provider/trpc.js";
import { useKpiQueryInput } from "../../provider/use-kpi-query-input.js";
import { usePromptmeterQueryClient } from "../../provider/use-promptmeter-query-client.js";
import { firstPage, type LogRow, newerPage, olderPage } from "./prepare.js";
import { RequestDetailView } from "./RequestDetailView.js";
import { RequestDrawer } from "./RequestDrawer.js";
import { LogSearch, RequestLogView } from "./RequestLogView.js";

export interface RequestLogProps extends Pick<KpiOverrides, "range" | "filters" | "timezone"> {
  /** Events per page, 1–200 (default 25). */
  pageSize?: number;
  /** Initial text search on error messages (case-insensitive substring). */
  search?: string;
  /** Card title (default "Requests"). */
  title?: ReactNode;
  /** BCP 47 locale of numbers and dates (default the provider's). */
  locale?: string;
  /** Extra class on the card. */
  className?: string;
}

/**
 * The log of requests, newest first, in cursor pages, filtered like every widget and searchable by error message;
 * a row opens a drawer with the event's fields, its input and output, and its feedback (`logs.list`, `logs.get`).
 */
export function RequestLog(props: RequestLogProps): ReactNode {
  const { range, filters, timezone, pageSize = 25, title = "Requests", locale, className } = props;
  const trpc = useTRPC();
  const queryClient = usePromptmeterQueryClient();
  const f = useFormatters(locale, timezone);
  const [q, setQ] = useState(props.search ?? "");
  const kpi = useKpiQueryInput({ range, filters, timezone });
  const base = { range: kpi.range, filters: kpi.filters, limit: pageSize, ...(q ? { q } : {}) };
  const key = JSON.stringify(base);

  // Another range, filter or search starts over at the newest page.
  const [pages, setPages] = useState(() => firstPage(key));
  const current = pages.key === key ? pages : firstPage(key);
  if (pages.key !== key) setPages(current);
  const cursor = current.cursors[current.index] ?? null;
  const list = useQuery(trpc.logs.list.queryOptions({ ...base, cursor }, { placeholderData: keepPreviousData }), queryClient);
  const frame = frameStateOf(list, (data) => data.rows.length === 0 && current.index === 0);

  const [open, setOpen] = useState<LogRow | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const detail = useQuery({ ...trpc.logs.get.queryOptions({ id: open?.id ?? "" }), enabled: open !== null }, queryClient);
  const openRow = (row: LogRow) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(row);
  };
  const close = () => {
    setOpen(null);
    // Back to the row that opened the drawer, so keyboard users keep their place.
    returnFocus.current?.focus();
  };

  return (
    <ChartFrame
      title={title}
      subtitle="Newest first; open a request for its input, output and feedback"
      actions={<LogSearch value={q} onSearch={setQ} />}
      emptyMessage={q ? `No error message contains “${q}” in this range` : "No requests in this range"}
      skeleton="list"
      className={className ? `pm-request-log ${className}` : "pm-request-log"}
      minHeight={240}
      {...frame}
    >
      {list.data && (
        <RequestLogView
          rows={list.data.rows}
          page={current.index + 1}
          hasOlder={list.data.nextCursor !== null}
          onOlder={() => setPages(olderPage(current, list.data?.nextCursor ?? null))}
          onNewer={() => setPages(newerPage(current))}
          onOpen={openRow}
          fetching={list.isPlaceholderData}
          locale={locale}
          timeZone={timezone}
        />
      )}
      {open && (
        <RequestDrawer title={`${open.model} · ${f.dateTime(open.timestamp)}`} onClose={close}>
          {detail.status === "pending" && <LoadingSkeleton variant="list" label="Loading the request" />}
          {detail.status === "error" && (
            <ErrorState error={detail.error} onRetry={() => void detail.refetch()} title="Couldn't load this request" />
          )}
          {detail.data && <RequestDetailView detail={detail.data} locale={locale} timeZone={timezone} />}
        </RequestDrawer>
      )}
    </ChartFrame>
  );
}
