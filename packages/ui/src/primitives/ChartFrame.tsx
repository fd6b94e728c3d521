"use client";
import { type ReactNode, useId } from "react";
import { EmptyState, ErrorState, LoadingSkeleton } from "./ChartStates.js";

/** Which of the four states a widget is in. */
export type FrameStatus = "loading" | "error" | "empty" | "data";

export interface ChartFrameProps {
  /** Card heading. */
  title: ReactNode;
  /** One line under the title (range, definition, unit). */
  subtitle?: ReactNode;
  /** Controls at the top right (toggles, links). */
  actions?: ReactNode;
  /** Which body to show; `data` shows `children`. */
  status: FrameStatus;
  /** The query error, shown in the error state. */
  error?: unknown;
  /** Refetch, offered as a Retry button in the error state. */
  onRetry?: (() => void) | undefined;
  /** Message of the empty state. */
  emptyMessage?: ReactNode;
  /** Shape of the loading skeleton. */
  skeleton?: "chart" | "list" | "stat";
  /** Minimum body height in px, so that the four states do not make the layout jump (default 160). */
  minHeight?: number;
  /** Heading level of the title (default 3). */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /** Extra class on the card. */
  className?: string;
  /** The data view. */
  children?: ReactNode;
}

/** A card with a title and the four states every widget has: loading, empty, error with retry, and data. */
export function ChartFrame(props: ChartFrameProps): ReactNode {
  const { title, subtitle, actions, status, error, onRetry, emptyMessage, skeleton = "chart", minHeight = 160, headingLevel = 3 } = props;
  const titleId = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section
      className={props.className ? `pm-card ${props.className}` : "pm-card"}
      aria-labelledby={titleId}
      aria-busy={status === "loading"}
    >
      <div className="pm-card-header">
        <div>
          <Heading id={titleId} className="pm-card-title">
            {title}
          </Heading>
          {subtitle && <p className="pm-card-subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="pm-card-actions">{actions}</div>}
      </div>
      <div className="pm-card-body" style={{ minHeight }}>
        {status === "loading" && <LoadingSkeleton variant={skeleton} />}
        {status === "error" && <ErrorState error={error} onRetry={onRetry} />}
        {status === "empty" && <EmptyState message={emptyMessage} />}
        {status === "data" && props.children}
      </div>
    </section>
  );
}
