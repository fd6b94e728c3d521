"use client";
import type { QueryClient } from "@tanstack/react-query";
import { usePromptmeter } from "./use-promptmeter.js";

/** The QueryClient widgets must pass to `useQuery(options, queryClient)`: the host's or the provider's own. */
export function usePromptmeterQueryClient(): QueryClient {
  return usePromptmeter().queryClient;
}
