import type { AppRouter } from "@promptmeter/server";
import { createTRPCClient, type TRPCClient, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";

/** A client whose calls never answer: the loading state, without timers or mocks. */
export function pendingClient(): TRPCClient<AppRouter> {
  const never: TRPCLink<AppRouter> = () => () => observable(() => () => {});
  return createTRPCClient<AppRouter>({ links: [never] });
}

/** A read key that passes the server's format check but is unknown: the server answers 401 for real. */
export const INVALID_READ_KEY = "pm_read_00000000000000000000000000000000";
