import { PromptmeterProvider } from "@promptmeter/ui";
import { useEffect, useState } from "react";
import { AssistantPage } from "./AssistantPage.js";
import { MonitoringPage } from "./MonitoringPage.js";
import { useDemoConfig } from "./use-demo-config.js";
import { useRoute } from "./use-route.js";

const NAV = [
  { path: "/customers", label: "Customers" },
  { path: "/billing", label: "Billing" },
  { path: "/monitoring", label: "Monitoring" },
  { path: "/assistant", label: "Support assistant" },
  { path: "/settings", label: "Settings" },
];

export function App() {
  const config = useDemoConfig();
  const [path, navigate] = useRoute();
  const [dark, setDark] = useState(() => window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false);
  useEffect(() => {
    document.documentElement.classList.toggle("dark", dark);
  }, [dark]);
  const page = path === "/" ? "/monitoring" : path;

  return (
    <div className="acme-shell">
      <header className="acme-header">
        <span className="acme-logo" aria-hidden="true">
          ◆
        </span>
        <strong>Acme Admin</strong>
        <span className="acme-env">production</span>
        <span className="acme-spacer" />
        <button type="button" className="acme-theme" onClick={() => setDark((d) => !d)} aria-pressed={dark}>
          {dark ? "Light" : "Dark"} mode
        </button>
        <span className="acme-user" title="Signed in as Dana (ops)">
          DA
        </span>
      </header>
      <div className="acme-body">
        <nav className="acme-nav" aria-label="Admin sections">
          {NAV.map((item) => (
            <a
              key={item.path}
              href={item.path}
              aria-current={page === item.path ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(item.path);
              }}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <main className="acme-main">
          {config === null ? (
            <p className="acme-note">Connecting…</p>
          ) : config instanceof Error ? (
            <p className="acme-note" role="alert">
              Could not load the monitoring configuration: {config.message}
            </p>
          ) : (
            <PromptmeterProvider url={config.url} apiKey={config.apiKey} defaultRange={{ last: "7d" }} timezone="Europe/Paris">
              {page === "/monitoring" ? (
                <MonitoringPage />
              ) : page === "/assistant" ? (
                <AssistantPage />
              ) : (
                <section>
                  <h1>{NAV.find((n) => n.path === page)?.label ?? "Not found"}</h1>
                  <p className="acme-note">This part of Acme's back office is not in the demo. Try Monitoring or Support assistant.</p>
                </section>
              )}
            </PromptmeterProvider>
          )}
        </main>
      </div>
    </div>
  );
}
