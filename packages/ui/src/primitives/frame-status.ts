import type { FrameStatus } from "./ChartFrame.js";

/** The parts of a TanStack Query result a frame needs. */
export interface QueryLike<T> {
  status: "pending" | "error" | "success";
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

/** ChartFrame props for a query: loading until data, error with a retry that refetches, empty when `isEmpty(data)`. */
export function frameStateOf<T>(
  query: QueryLike<T>,
  isEmpty: (data: T) => boolean,
): { status: FrameStatus; error: unknown; onRetry: () => void } {
  const onRetry = () => {
    void query.refetch();
  };
  if (query.status === "error") return { status: "error", error: query.error, onRetry };
  if (query.status === "pending" || query.data === undefined) return { status: "loading", error: null, onRetry };
  return { status: isEmpty(query.data) ? "empty" : "data", error: null, onRetry };
}
