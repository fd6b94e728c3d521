"use client";
import type { ReactNode } from "react";
import { useFormatters } from "../../primitives/use-formatters.js";
import { detailSections, feedbackRating, type LogDetail, readablePayload } from "./prepare.js";

export interface RequestDetailViewProps {
  /** The event with its payloads and feedback (`logs.get`). */
  detail: LogDetail;
  /** BCP 47 locale (default the provider's). */
  locale?: string | undefined;
  /** IANA time zone of the times (default the provider's). */
  timeZone?: string | undefined;
}

function Payload({ title, payload }: { title: string; payload: LogDetail["input"] }): ReactNode {
  const readable = readablePayload(payload);
  return (
    <section className="pm-detail-section" aria-label={title}>
      <h4 className="pm-section-title">{title}</h4>
      {readable === null && <p className="pm-footnote">Not stored for this request.</p>}
      {readable?.kind === "text" && <pre className="pm-payload">{readable.text}</pre>}
      {readable?.kind === "messages" && (
        <ol className="pm-chat">
          {readable.messages.map((message, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages are positional and never reordered
            <li key={i} className={`pm-chat-message pm-chat-${message.role}`}>
              <span className="pm-chat-role">{message.role}</span>
              {message.text && <pre className="pm-payload">{message.text}</pre>}
              {message.extra && <pre className="pm-payload pm-payload-extra">{message.extra}</pre>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Everything about one request: its fields, its input and output (chat messages shown as a conversation), and its feedback. */
export function RequestDetailView({ detail, locale, timeZone }: RequestDetailViewProps): ReactNode {
  const f = useFormatters(locale, timeZone);
  return (
    <div className="pm-widget-stack">
      {detailSections(detail, f).map((section) => (
        <section key={section.title} className="pm-detail-section" aria-label={section.title}>
          <h4 className="pm-section-title">{section.title}</h4>
          <dl className="pm-fields">
            {section.fields.map((field) => (
              <div key={field.label} className="pm-field-row">
                <dt>{field.label}</dt>
                <dd>{field.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <Payload title="Input" payload={detail.input} />
      <Payload title="Output" payload={detail.output} />
      <section className="pm-detail-section" aria-label="Feedback">
        <h4 className="pm-section-title">Feedback</h4>
        {detail.feedback.length === 0 ? (
          <p className="pm-footnote">No feedback on this request.</p>
        ) : (
          <ul className="pm-messages">
            {detail.feedback.map((record) => (
              <li key={record.id} className="pm-message">
                {record.comment && <div className="pm-feedback-comment">{record.comment}</div>}
                <div className="pm-message-meta">
                  <span>{feedbackRating(record, f)}</span>
                  <span>{record.sentiment}</span>
                  {record.userId && <span>{record.userId}</span>}
                  <time dateTime={record.timestamp}>{f.dateTime(record.timestamp)}</time>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
