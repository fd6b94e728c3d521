import type { ReactNode } from "react";
import { ChartFrame, type ChartFrameProps } from "../src/primitives/ChartFrame.js";
import { frameStateOf, type QueryLike } from "../src/primitives/frame-status.js";

/** A ChartFrame driven by a real query, for stories and tests of the primitives (widgets have their own containers). */
export function LiveFrame<T>(
  props: Omit<ChartFrameProps, "status" | "error" | "onRetry" | "children"> & {
    query: QueryLike<T>;
    isEmpty: (data: T) => boolean;
    children: (data: T) => ReactNode;
  },
): ReactNode {
  const { query, isEmpty, children, ...frame } = props;
  const state = frameStateOf(query, isEmpty);
  return (
    <ChartFrame {...frame} {...state}>
      {state.status === "data" && query.data !== undefined ? children(query.data) : null}
    </ChartFrame>
  );
}
