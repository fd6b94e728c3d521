"use client";
import type { ReactNode } from "react";
import { SplitBar } from "../../primitives/SplitBar.js";
import { Stat } from "../../primitives/Stat.js";
import { useFormatters } from "../../primitives/use-formatters.js";
import type { FeedbackSentimentViewData } from "./prepare.js";

export interface FeedbackSentimentViewProps {
  /** Prepared figures, split and comments (see `prepareFeedbackSentiment`). */
  data: FeedbackSentimentViewData;
  /** BCP 47 locale (default the provider's). */
  locale?: string | undefined;
}

/** How users feel about the answers: the sentiment split with counts and shares, the mean score, the feedback rate and recent comments. */
export function FeedbackSentimentView({ data, locale }: FeedbackSentimentViewProps): ReactNode {
  const f = useFormatters(locale);
  const score = (value: number | null | undefined) => f.number(value, 2);
  return (
    <div className="pm-widget-stack">
      <div className="pm-stat-row">
        <Stat
          label="Feedback"
          value={data.count}
          format={(v) => f.number(v, 0)}
          previous={data.previous?.count}
          size="small"
          locale={locale}
        />
        <Stat
          label="Avg score"
          value={data.avgScore}
          format={score}
          previous={data.previous?.avgScore}
          hint="0 (bad) to 1 (good)"
          size="small"
          locale={locale}
        />
        <Stat
          label="Feedback rate"
          value={data.feedbackRate}
          format={f.percent}
          previous={data.previous?.feedbackRate}
          hint="of requests"
          size="small"
          locale={locale}
        />
      </div>
      <SplitBar segments={data.split} label="Feedback by sentiment" locale={locale} />
      {data.comments.length > 0 && (
        <div>
          <p className="pm-section-title">Recent comments</p>
          <ul className="pm-messages" aria-label="Recent comments">
            {data.comments.map((c) => (
              <li key={c.key} className="pm-message">
                <div className="pm-message-text">{c.text}</div>
                <div className="pm-message-meta">
                  <span className="pm-swatch" style={{ background: c.color }} aria-hidden="true" />
                  <span>{c.sentimentLabel}</span>
                  <span>score {score(c.score)}</span>
                  {c.userId && <span>{c.userId}</span>}
                  <time dateTime={c.ts}>{f.dateTime(c.ts)}</time>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
