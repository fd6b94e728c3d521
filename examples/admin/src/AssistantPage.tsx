import { CostCard, ErrorTrend, FeedbackSentiment } from "@promptmeter/ui";

const SUPPORT = { feature: "support-chat" };

/** A host page of its own, with three Promptmeter widgets placed piece by piece beside it. */
export function AssistantPage() {
  return (
    <section>
      <div className="acme-page-head">
        <h1>Support assistant</h1>
        <p className="acme-note">The AI that answers customers in the help widget.</p>
      </div>
      <div className="acme-split">
        <div className="acme-card">
          <h2>Configuration</h2>
          <dl className="acme-dl">
            <dt>Primary model</dt>
            <dd>gpt-4o-mini</dd>
            <dt>Fallback</dt>
            <dd>claude-sonnet-4-5</dd>
            <dt>Escalate to a human after</dt>
            <dd>2 thumbs-down in a session</dd>
            <dt>Knowledge base</dt>
            <dd>Help center · synced 2 h ago</dd>
          </dl>
          <button type="button" className="acme-button">
            Edit configuration
          </button>
        </div>
        <CostCard filters={SUPPORT} title="Support assistant spend" />
      </div>
      <div className="acme-split">
        <FeedbackSentiment filters={SUPPORT} />
        <ErrorTrend filters={SUPPORT} />
      </div>
    </section>
  );
}
