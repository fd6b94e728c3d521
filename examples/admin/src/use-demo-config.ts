import { useEffect, useState } from "react";

export interface DemoConfig {
  url: string;
  apiKey: string;
}

/** The host's server hands its admin page the Promptmeter endpoint and a read key. */
export function useDemoConfig(): DemoConfig | Error | null {
  const [config, setConfig] = useState<DemoConfig | Error | null>(null);
  useEffect(() => {
    fetch("/demo-config.json")
      .then((r) => (r.ok ? (r.json() as Promise<DemoConfig>) : Promise.reject(new Error(`demo-config.json: ${r.status}`))))
      .then(setConfig, (e: unknown) => setConfig(e instanceof Error ? e : new Error(String(e))));
  }, []);
  return config;
}
