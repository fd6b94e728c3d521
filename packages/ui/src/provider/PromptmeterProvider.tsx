"use client";
import type { Filters, TimeRangeInput } from "@promptmeter/schema";
import { QueryClient, QueryClientContext, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import { createPromptmeterClient, type PromptmeterClient } from "./create-client.js";
import { compactFilters } from "./merge-kpi-input.js";
import { type FilterKey, PromptmeterContext, type PromptmeterState } from "./promptmeter-context.js";
import { QUERY_KEY_PREFIX, TRPCProvider } from "./trpc.js";

export interface PromptmeterProviderProps {
  /** tRPC endpoint of the Promptmeter server, e.g. `/promptmeter/trpc`; ignored when `trpcClient` is given. */
  url?: string | undefined;
  /** Read key (`pm_read_…`) sent as a bearer token with `url`. */
  apiKey?: string | undefined;
  /** A ready tRPC client (custom links, in-process router, tests); takes precedence over `url`. */
  trpcClient?: PromptmeterClient | undefined;
  /** QueryClient to use; default: the nearest QueryClientProvider's, else one the provider owns. */
  queryClient?: QueryClient | undefined;
  /** Initial range (default `{ last: "7d" }`). */
  defaultRange?: TimeRangeInput | undefined;
  /** Initial filters (default none). */
  defaultFilters?: Filters | undefined;
  /** IANA time zone for buckets and dates (default `UTC`); changing the prop changes the state. */
  timezone?: string | undefined;
  /** BCP 47 locale for numbers and dates (default `en-US`); changing the prop changes the state. */
  locale?: string | undefined;
  /** Called when a control changes the range, to mirror it in the host's URL for instance. */
  onRangeChange?: ((range: TimeRangeInput) => void) | undefined;
  /** Called when a control changes the filters. */
  onFiltersChange?: ((filters: Filters) => void) | undefined;
  /** The widgets. */
  children?: ReactNode;
}

/** Retry transient failures once; an auth or input error will not heal by retrying. */
function retryTransient(failureCount: number, error: unknown): boolean {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  if (code === "UNAUTHORIZED" || code === "FORBIDDEN" || code === "BAD_REQUEST" || code === "NOT_FOUND") return false;
  return failureCount < 1;
}

function createOwnQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: retryTransient, refetchOnWindowFocus: false } } });
}

/** Follows a prop after mount: the state starts from the prop and resets whenever the prop changes. */
function usePropState(prop: string | undefined, fallback: string): [string, (value: string) => void] {
  const [state, setState] = useState(prop ?? fallback);
  const [seen, setSeen] = useState(prop);
  if (seen !== prop) {
    setSeen(prop);
    setState(prop ?? fallback);
  }
  return [state, setState];
}

/** Connects the widgets beneath it to a Promptmeter server and holds their shared range, time zone, filters and locale. */
export function PromptmeterProvider(props: PromptmeterProviderProps): ReactNode {
  const { url, apiKey, trpcClient, queryClient, defaultRange, defaultFilters, onRangeChange, onFiltersChange, children } = props;

  const nearestClient = useContext(QueryClientContext);
  const ownClient = useRef<QueryClient | null>(null);
  const hostClient = queryClient ?? nearestClient;
  if (!hostClient && !ownClient.current) ownClient.current = createOwnQueryClient();
  const activeClient = hostClient ?? (ownClient.current as QueryClient);

  const client = useMemo(() => {
    if (trpcClient) return trpcClient;
    if (!url) throw new Error("PromptmeterProvider needs a `url` (with an `apiKey`) or a `trpcClient`");
    return createPromptmeterClient({ url, apiKey });
  }, [trpcClient, url, apiKey]);

  const [range, setRangeState] = useState<TimeRangeInput>(defaultRange ?? { last: "7d" });
  const [filters, setFiltersState] = useState<Filters>(() => compactFilters(defaultFilters ?? {}));
  const [timezone, setTimezone] = usePropState(props.timezone, "UTC");
  const [locale, setLocale] = usePropState(props.locale, "en-US");

  // Callbacks through a ref so that setters stay stable when the host passes inline functions.
  const callbacks = useRef({ onRangeChange, onFiltersChange });
  callbacks.current = { onRangeChange, onFiltersChange };

  const setRange = useCallback((next: TimeRangeInput) => {
    setRangeState(next);
    callbacks.current.onRangeChange?.(next);
  }, []);
  const setFilters = useCallback((next: Filters) => {
    const compact = compactFilters(next);
    setFiltersState(compact);
    callbacks.current.onFiltersChange?.(compact);
  }, []);
  const setFilter = useCallback(<K extends FilterKey>(key: K, value: Filters[K] | undefined) => {
    setFiltersState((current) => {
      const next = compactFilters({ ...current, [key]: value });
      callbacks.current.onFiltersChange?.(next);
      return next;
    });
  }, []);
  const clearFilters = useCallback(() => setFilters({}), [setFilters]);

  const state = useMemo<PromptmeterState>(
    () => ({
      range,
      timezone,
      filters,
      locale,
      queryClient: activeClient,
      setRange,
      setTimezone,
      setLocale,
      setFilters,
      setFilter,
      clearFilters,
    }),
    [range, timezone, filters, locale, activeClient, setRange, setTimezone, setLocale, setFilters, setFilter, clearFilters],
  );

  const tree = (
    <PromptmeterContext.Provider value={state}>
      <TRPCProvider trpcClient={client} queryClient={activeClient} keyPrefix={QUERY_KEY_PREFIX}>
        {children}
      </TRPCProvider>
    </PromptmeterContext.Provider>
  );
  // Only an owned client gets a QueryClientProvider (it mounts the client); a host's client stays the host's business.
  return hostClient ? tree : <QueryClientProvider client={activeClient}>{tree}</QueryClientProvider>;
}
