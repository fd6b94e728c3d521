"use client";
import type { ReactNode } from "react";
import { DataTable, type DataTableColumn } from "../../primitives/DataTable.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { FeatureBreakdownViewData, FeatureViewRow } from "./prepare.js";

export interface FeatureBreakdownViewProps {
  /** Prepared rows (see `prepareFeatureBreakdown`). */
  data: FeatureBreakdownViewData;
  /** Called when a row is opened (click, Enter or Space); rows are focusable only when given. */
  onSelect?: ((row: FeatureViewRow) => void) | undefined;
  /** BCP 47 locale (default the provider's). */
  locale?: string | undefined;
}

/** Where users struggle (spelled out), then every feature or tag with its volume, share, errors, score, cost and p95. */
export function FeatureBreakdownView({ data, onSelect, locale }: FeatureBreakdownViewProps): ReactNode {
  const f = useFormatters(locale);
  const noun = data.by === "tag" ? "Tag" : "Feature";
  const columns: Array<DataTableColumn<FeatureViewRow>> = [
    {
      key: "name",
      header: noun,
      sortValue: (row) => row.label,
      cell: (row) => (
        <span className="pm-feature-cell">
          {row.label}
          {row.difficulty && (
            <span className="pm-badge pm-badge-warn">
              <span aria-hidden="true">⚠ </span>Users struggle here
            </span>
          )}
        </span>
      ),
    },
    { key: "requests", header: "Requests", align: "end", sortValue: (row) => row.requests, cell: (row) => f.number(row.requests, 0) },
    {
      key: "share",
      header: "Share",
      align: "end",
      sortValue: (row) => row.share,
      cell: (row) => (
        <span className="pm-rank-cell">
          <span className="pm-rank-track" aria-hidden="true">
            <span className="pm-rank-bar" style={{ width: `${(row.share ?? 0) * 100}%` }} />
          </span>
          <span className="pm-rank-text">{f.percent(row.share)}</span>
        </span>
      ),
    },
    {
      key: "errorRate",
      header: "Error rate",
      align: "end",
      sortValue: (row) => row.errorRate,
      cell: (row) => <span className={row.flagged.errorRate ? "pm-tone-bad" : undefined}>{f.percent(row.errorRate)}</span>,
    },
    {
      key: "avgScore",
      header: "Avg score",
      align: "end",
      sortValue: (row) => row.avgScore,
      cell: (row) => <span className={row.flagged.avgScore ? "pm-tone-bad" : undefined}>{f.number(row.avgScore, 2)}</span>,
    },
    { key: "cost", header: "Cost", align: "end", sortValue: (row) => row.costUsd, cell: (row) => f.currency(row.costUsd) },
    { key: "p95", header: "p95 latency", align: "end", sortValue: (row) => row.p95, cell: (row) => f.duration(row.p95) },
  ];
  const overall = data.overall;
  return (
    <div className="pm-widget-stack">
      {data.struggling.length > 0 ? (
        <div className="pm-struggle" role="note" aria-label="Where users struggle">
          <p className="pm-struggle-title">
            <span aria-hidden="true">⚠ </span>Users struggle here
          </p>
          <ul className="pm-struggle-list">
            {data.struggling.map((row) => (
              <li key={row.key}>
                <strong>{row.label}</strong>: {row.reasons.join("; ")}.
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="pm-footnote">No {noun.toLowerCase()} stands out: error rates and scores are close to the overall.</p>
      )}
      <DataTable
        caption={`Requests, errors, feedback, cost and latency per ${noun.toLowerCase()}`}
        columns={columns}
        rows={data.rows}
        rowKey={(row) => row.key}
        onRowClick={onSelect}
      />
      <p className="pm-footnote">
        Overall: {f.number(overall.requests, 0)} requests, {f.percent(overall.errorRate)} errors, avg score {f.number(overall.avgScore, 2)}.
        Flagged when the error rate is over twice the overall, or the avg score more than 0.15 below it.
        {data.unpricedRequests > 0 && ` Cost leaves out ${f.number(data.unpricedRequests, 0)} requests to models without a price.`}
      </p>
    </div>
  );
}
