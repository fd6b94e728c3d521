import "../src/theme.css";
import { QueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { inject } from "vitest";
import { PromptmeterProvider, type PromptmeterProviderProps } from "../src/provider/PromptmeterProvider.js";
import { usePromptmeter } from "../src/provider/use-promptmeter.js";

/** The seeded server of test/global-setup.ts. */
export function seededServer() {
  return inject("promptmeter");
}

/** A provider on the seeded server over its seeded range, with a fresh QueryClient that does not retry. */
export function TestProvider(props: Partial<PromptmeterProviderProps> & { children?: ReactNode }): ReactNode {
  const server = seededServer();
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <PromptmeterProvider url={server.url} apiKey={server.readKey} queryClient={queryClient} defaultRange={server.range} {...props}>
      {props.children}
    </PromptmeterProvider>
  );
}

/** Shows the provider's state as JSON, for asserting what a control changed. */
export function StateProbe(): ReactNode {
  const { range, filters, timezone } = usePromptmeter();
  return <output data-testid="pm-state">{JSON.stringify({ range, filters, timezone })}</output>;
}

/** The JSON StateProbe shows. */
export function probedState(): { range: unknown; filters: Record<string, unknown>; timezone: string } {
  const text = document.querySelector('[data-testid="pm-state"]')?.textContent ?? "{}";
  return JSON.parse(text);
}
