"use client";
import type { AppRouter } from "@promptmeter/server";
import type { QueryClient } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import { createTRPCContext, type TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { FC, ReactNode } from "react";

/** Every query key of the library starts with `[["promptmeter"], …]`, so it never collides with the host's keys. */
export const QUERY_KEY_PREFIX = "promptmeter";

type Flags = { keyPrefix: true };
const context = createTRPCContext<AppRouter, Flags>();

/** Makes `useTRPC()` work beneath it; PromptmeterProvider renders it. */
export const TRPCProvider: FC<{ children: ReactNode; queryClient: QueryClient; trpcClient: TRPCClient<AppRouter>; keyPrefix: string }> =
  context.TRPCProvider;
/** Typed query options with prefixed keys: `useQuery(useTRPC().kpi.cost.queryOptions(input), queryClient)`. */
export const useTRPC: () => TRPCOptionsProxy<AppRouter, Flags> = context.useTRPC;
/** The raw tRPC client of the provider. */
export const useTRPCClient: () => TRPCClient<AppRouter> = context.useTRPCClient;
