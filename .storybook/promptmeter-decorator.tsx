import { connection } from "virtual:promptmeter-connection";
import type { Filters, TimeRangeInput } from "@promptmeter/schema";
import type { Decorator } from "@storybook/react-vite";
import { QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { createPromptmeterClient, PromptmeterProvider } from "../packages/ui/src/index.js";
import { INVALID_READ_KEY, pendingClient } from "../packages/ui/test/clients.js";
import { SEED_RANGE } from "../packages/ui/test/seed-range.js";

/** `parameters.promptmeter` of a story: which server state the widgets beneath see. */
export interface PromptmeterStoryParameters {
  /**
   * `live` (default): the seeded server; `loading`: calls never answer; `error`: the server rejects the key (401);
   * `empty-project`: a project on the same server that holds nothing (no traffic, no goals).
   */
  state?: "live" | "loading" | "error" | "empty-project";
  /** Range of the provider (default: the seeded range). */
  range?: TimeRangeInput;
  /** Filters of the provider (`{ model: "none" }` gives the empty state through the real procedures). */
  filters?: Filters;
  /** Time zone of the provider (default UTC). */
  timezone?: string;
}

function makeClient(state: PromptmeterStoryParameters["state"]) {
  if (state === "loading") return pendingClient();
  const apiKey = state === "error" ? INVALID_READ_KEY : state === "empty-project" ? connection.emptyApiKey : connection.apiKey;
  return createPromptmeterClient({ url: connection.url, apiKey });
}

/** Wraps every story in the theme and a PromptmeterProvider connected to the seeded server. */
export const withPromptmeter: Decorator = (Story, context) => {
  const parameters = (context.parameters.promptmeter ?? {}) as PromptmeterStoryParameters;
  const theme = context.globals.theme === "dark" ? "dark" : "light";
  // One client per story render: no cache shared between stories, no retries to wait for in the error state.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } }),
  );
  const [trpcClient] = useState(() => makeClient(parameters.state));
  // The page itself follows the theme too, so nothing light shows around a dark story.
  useEffect(() => {
    document.documentElement.classList.toggle("dark", theme === "dark");
    document.documentElement.classList.toggle("light", theme === "light");
  }, [theme]);
  return (
    <div className={`pm-story ${theme}`} data-theme={theme}>
      <PromptmeterProvider
        trpcClient={trpcClient}
        queryClient={queryClient}
        defaultRange={parameters.range ?? SEED_RANGE}
        defaultFilters={parameters.filters}
        timezone={parameters.timezone ?? "UTC"}
      >
        <Story />
      </PromptmeterProvider>
    </div>
  );
};
