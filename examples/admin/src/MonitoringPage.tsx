import { Dashboard } from "@promptmeter/ui";

/** The whole Promptmeter dashboard, embedded in one line. */
export function MonitoringPage() {
  return (
    <section>
      <div className="acme-page-head">
        <h1>LLM monitoring</h1>
        <p className="acme-note">Cost, reliability and user feedback for every AI feature of Acme.</p>
      </div>
      <Dashboard />
    </section>
  );
}
