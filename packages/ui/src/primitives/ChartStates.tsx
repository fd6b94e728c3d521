"use client";
import type { ReactNode } from "react";

export interface LoadingSkeletonProps {
  /** Shape of the placeholder: bars of a chart, lines of a list, or one big number. */
  variant?: "chart" | "list" | "stat";
  /** What is loading, read by screen readers. */
  label?: string;
}

const CHART_HEIGHTS = [38, 62, 45, 80, 55, 70, 48, 90, 66, 58, 74, 50];

/** A quiet placeholder shaped like what is coming; announced as busy, not read out piece by piece. */
export function LoadingSkeleton({ variant = "chart", label = "Loading" }: LoadingSkeletonProps): ReactNode {
  return (
    <div className="pm-skeleton" role="status" aria-live="polite">
      <span className="pm-sr-only">{label}…</span>
      {variant === "chart" && (
        <div aria-hidden="true" style={{ display: "flex", alignItems: "flex-end", gap: 6, height: "100%", minHeight: 120 }}>
          {CHART_HEIGHTS.map((height, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed decorative list
            <div key={i} className="pm-skeleton-block" style={{ flex: 1, height: `${height}%` }} />
          ))}
        </div>
      )}
      {variant === "list" &&
        [92, 74, 58, 41].map((width) => (
          <div key={width} aria-hidden="true" className="pm-skeleton-block" style={{ height: 24, width: `${width}%` }} />
        ))}
      {variant === "stat" && (
        <>
          <div aria-hidden="true" className="pm-skeleton-block" style={{ height: 32, width: "55%" }} />
          <div aria-hidden="true" className="pm-skeleton-block" style={{ height: 14, width: "35%" }} />
        </>
      )}
    </div>
  );
}

export interface EmptyStateProps {
  /** Why there is nothing to show. */
  message?: ReactNode;
}

/** No data for the current range and filters. */
export function EmptyState({ message = "No data for this range and these filters." }: EmptyStateProps): ReactNode {
  return <div className="pm-state">{message}</div>;
}

export interface ErrorStateProps {
  /** The error thrown by the query; its message is shown under the headline. */
  error?: unknown;
  /** Refetches; the Retry button is shown only when given. */
  onRetry?: (() => void) | undefined;
  /** Headline (default "Couldn't load this data"). */
  title?: ReactNode;
}

/** Message of an error-ish value (tRPC errors, Error, strings), or nothing. */
export function errorMessage(error: unknown): string | undefined {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  return undefined;
}

/** The query failed: what happened and a way to try again. */
export function ErrorState({ error, onRetry, title = "Couldn't load this data" }: ErrorStateProps): ReactNode {
  const detail = errorMessage(error);
  return (
    <div className="pm-state pm-state-error" role="alert">
      <strong>{title}</strong>
      {detail && <span className="pm-state-error-detail">{detail}</span>}
      {onRetry && (
        <button type="button" className="pm-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
