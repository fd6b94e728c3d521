import type { AppRouter } from "@promptmeter/server";
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TRPCClientError } from "@trpc/client";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { render, renderHook } from "vitest-browser-react";
import { INVALID_READ_KEY } from "../../test/clients.js";
import { seededServer, TestProvider } from "../../test/render.js";
import { createPromptmeterClient } from "./create-client.js";
import { PromptmeterProvider } from "./PromptmeterProvider.js";
import { useTRPC } from "./trpc.js";
import { useKpiQueryInput } from "./use-kpi-query-input.js";
import { usePromptmeter } from "./use-promptmeter.js";
import { usePromptmeterQueryClient } from "./use-promptmeter-query-client.js";

const server = seededServer();

function Connected({ children, queryClient }: { children?: ReactNode; queryClient?: QueryClient }) {
  return (
    <PromptmeterProvider url={server.url} apiKey={server.readKey} queryClient={queryClient}>
      {children}
    </PromptmeterProvider>
  );
}

/** Calls a procedure a read key may not call: the server answers FORBIDDEN over HTTP. */
function ForbiddenProbe() {
  const trpc = useTRPC();
  const query = useQuery(trpc.projects.list.queryOptions(), usePromptmeterQueryClient());
  return <output>{query.status === "error" ? query.error.message : query.status}</output>;
}

/** Reads the seeded project's request count through the real kpi.overview. */
function OverviewProbe() {
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.overview.queryOptions(useKpiQueryInput()), usePromptmeterQueryClient());
  return <output data-testid="requests">{query.data ? String(query.data.requests) : query.status}</output>;
}

function Zone() {
  return <output data-testid="tz">{usePromptmeter().timezone}</output>;
}

describe("PromptmeterProvider: QueryClient", () => {
  it("uses the nearest QueryClientProvider's client", async () => {
    const host = new QueryClient();
    const { result } = await renderHook(() => usePromptmeterQueryClient(), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={host}>
          <Connected>{children}</Connected>
        </QueryClientProvider>
      ),
    });
    expect(result.current).toBe(host);
  });

  it("prefers the queryClient prop over the nearest provider's", async () => {
    const nearest = new QueryClient();
    const given = new QueryClient();
    const { result } = await renderHook(() => ({ widgets: usePromptmeterQueryClient(), host: useQueryClient() }), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={nearest}>
          <Connected queryClient={given}>{children}</Connected>
        </QueryClientProvider>
      ),
    });
    expect(result.current.widgets).toBe(given);
    // The host's own components beneath keep the host's nearest client.
    expect(result.current.host).toBe(nearest);
  });

  it("owns a client when the host has none, without throwing", async () => {
    const { result } = await renderHook(() => ({ widgets: usePromptmeterQueryClient(), nearest: useQueryClient() }), {
      wrapper: ({ children }) => <Connected>{children}</Connected>,
    });
    expect(result.current.widgets).toBeInstanceOf(QueryClient);
    expect(result.current.nearest).toBe(result.current.widgets);
  });

  it("prefixes query keys with 'promptmeter' and caches real calls under that prefix in the host's client", async () => {
    const host = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const screen = await render(
      <QueryClientProvider client={host}>
        <Connected>
          <ForbiddenProbe />
        </Connected>
      </QueryClientProvider>,
    );
    await expect.element(screen.getByText("project administration needs the admin token")).toBeVisible();
    const keys = host
      .getQueryCache()
      .getAll()
      .map((q) => q.queryKey);
    expect(keys).toEqual([[["promptmeter"], ["projects", "list"], { type: "query" }]]);
  });

  it("reads a real KPI over HTTP with the provider's range", async () => {
    const screen = await render(
      <TestProvider>
        <OverviewProbe />
      </TestProvider>,
    );
    // Every generated event lies in the seeded range, so the server counts all of them.
    await expect.element(screen.getByTestId("requests")).toHaveTextContent(String(server.counts.events));
  });

  it("throws a clear error with neither url nor trpcClient", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(render(<PromptmeterProvider>x</PromptmeterProvider>)).rejects.toThrow("PromptmeterProvider needs a `url`");
    spy.mockRestore();
  });
});

describe("createPromptmeterClient", () => {
  const event = { provider: "openai", model: "gpt-4o", status: "success", latencyMs: 1 };

  it("sends the key as a bearer token: the server knows it is a read key", async () => {
    const client = createPromptmeterClient({ url: server.url, apiKey: server.readKey });
    await expect(client.ingest.events.mutate({ events: [event] })).rejects.toThrow("this key cannot ingest; use an ingest key");
  });

  it("surfaces the server's 401 for an unknown key", async () => {
    const client = createPromptmeterClient({ url: server.url, apiKey: INVALID_READ_KEY });
    const error = (await client.ingest.events.mutate({ events: [event] }).catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe("UNAUTHORIZED");
  });
});

describe("PromptmeterProvider: shared state", () => {
  it("starts from the defaults and changes through the setters", async () => {
    const onFiltersChange = vi.fn();
    const onRangeChange = vi.fn();
    const { result } = await renderHook(() => usePromptmeter(), {
      wrapper: ({ children }) => (
        <TestProvider
          defaultRange={{ last: "24h" }}
          defaultFilters={{ model: "gpt-4o", feature: "" }}
          onFiltersChange={onFiltersChange}
          onRangeChange={onRangeChange}
        >
          {children}
        </TestProvider>
      ),
    });
    expect(result.current.range).toEqual({ last: "24h" });
    expect(result.current.filters).toEqual({ model: "gpt-4o" });
    expect(result.current.timezone).toBe("UTC");
    expect(result.current.locale).toBe("en-US");

    result.current.setFilter("feature", "chat");
    await expect.poll(() => result.current.filters).toEqual({ model: "gpt-4o", feature: "chat" });
    expect(onFiltersChange).toHaveBeenLastCalledWith({ model: "gpt-4o", feature: "chat" });

    result.current.setFilter("model", undefined);
    await expect.poll(() => result.current.filters).toEqual({ feature: "chat" });

    result.current.setRange({ last: "30d" });
    await expect.poll(() => result.current.range).toEqual({ last: "30d" });
    expect(onRangeChange).toHaveBeenCalledWith({ last: "30d" });

    result.current.clearFilters();
    await expect.poll(() => result.current.filters).toEqual({});
  });

  it("defaults the range to the last 7 days", async () => {
    const { result } = await renderHook(() => usePromptmeter().range, { wrapper: ({ children }) => <Connected>{children}</Connected> });
    expect(result.current).toEqual({ last: "7d" });
  });

  it("follows a changed timezone prop", async () => {
    const tree = (tz: string) => (
      <PromptmeterProvider url={server.url} apiKey={server.readKey} timezone={tz}>
        <Zone />
      </PromptmeterProvider>
    );
    const screen = await render(tree("Europe/Paris"));
    await expect.element(screen.getByTestId("tz")).toHaveTextContent("Europe/Paris");
    await screen.rerender(tree("America/New_York"));
    await expect.element(screen.getByTestId("tz")).toHaveTextContent("America/New_York");
  });

  it("merges widget overrides over the provider's state in useKpiQueryInput", async () => {
    const { result } = await renderHook(() => useKpiQueryInput({ range: { last: "1h" }, filters: { feature: "search" }, compare: true }), {
      wrapper: ({ children }) => (
        <TestProvider defaultFilters={{ model: "gpt-4o" }} timezone="Europe/Paris">
          {children}
        </TestProvider>
      ),
    });
    expect(result.current).toEqual({
      range: { last: "1h" },
      timezone: "Europe/Paris",
      filters: { model: "gpt-4o", feature: "search" },
      compare: true,
    });
  });
});
