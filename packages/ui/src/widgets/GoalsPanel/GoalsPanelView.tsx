"use client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { Goal, GoalsViewData, GoalViewRow } from "./prepare.js";

export interface GoalsPanelViewProps {
  /** Prepared goals and verdicts (see `prepareGoals`). */
  data: GoalsViewData;
  /** Offer Edit and Delete on each goal. */
  editable: boolean;
  /** Opens the form on a goal. */
  onEdit?: ((goal: Goal) => void) | undefined;
  /** Deletes a goal (after the user confirmed). */
  onDelete?: ((goal: Goal) => void) | undefined;
  /** The goal being deleted, whose buttons wait. */
  deletingId?: string | null | undefined;
  /** What replaces the goal being edited (the form), or a new goal's form above the list. */
  form?: { goalId: string | null; node: ReactNode } | null | undefined;
}

const STATUS_CLASS: Record<GoalViewRow["status"], string> = {
  met: "pm-status pm-status-ok",
  missed: "pm-status pm-status-error",
  "no-data": "pm-status",
  pending: "pm-status",
};
const STATUS_WORD: Record<GoalViewRow["status"], string> = { met: "Met", missed: "Missed", "no-data": "No data", pending: "Checking" };

function DeleteButtons({ row, onDelete, deleting }: { row: GoalViewRow; onDelete: (goal: Goal) => void; deleting: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (confirming) confirm.current?.focus();
    else if (asked) start.current?.focus();
  }, [confirming, asked]);
  if (!confirming) {
    return (
      <button
        ref={start}
        type="button"
        className="pm-button"
        aria-label={`Delete goal ${row.title}`}
        onClick={() => {
          setAsked(true);
          setConfirming(true);
        }}
      >
        Delete
      </button>
    );
  }
  return (
    <fieldset className="pm-control pm-goal-confirm">
      <legend className="pm-sr-only">Delete goal {row.title}?</legend>
      <span className="pm-footnote" aria-hidden="true">
        Delete?
      </span>
      <button ref={confirm} type="button" className="pm-button pm-button-danger" disabled={deleting} onClick={() => onDelete(row.goal)}>
        {deleting ? "Deleting…" : "Yes, delete"}
      </button>
      <button type="button" className="pm-button" onClick={() => setConfirming(false)}>
        Keep
      </button>
    </fieldset>
  );
}

/** Each goal with its actual value over its window, met or missed, and by how much; with Edit and Delete when writable. */
export function GoalsPanelView({ data, editable, onEdit, onDelete, deletingId, form }: GoalsPanelViewProps): ReactNode {
  return (
    <div className="pm-widget-stack">
      {form && form.goalId === null && form.node}
      {data.rows.length > 0 && (
        <ul className="pm-goals" aria-label="Goals">
          {data.rows.map((row) =>
            form && form.goalId === row.id ? (
              <li key={row.id} className="pm-goal pm-goal-editing">
                {form.node}
              </li>
            ) : (
              <li key={row.id} className="pm-goal" data-goal-id={row.id}>
                <div className="pm-goal-main">
                  <span className={STATUS_CLASS[row.status]}>{STATUS_WORD[row.status]}</span>
                  <span className="pm-goal-title">{row.title}</span>
                  <span className="pm-footnote">
                    {row.windowText}
                    {row.filtersText && ` · ${row.filtersText}`}
                  </span>
                </div>
                <div className="pm-goal-figures">
                  <span className="pm-goal-actual">
                    <span className="pm-footnote">Actual </span>
                    {row.actualText}
                  </span>
                  <span className={`pm-goal-verdict pm-goal-${row.status}`}>{row.verdict}</span>
                </div>
                {editable && (
                  <div className="pm-goal-actions">
                    <button type="button" className="pm-button" aria-label={`Edit goal ${row.title}`} onClick={() => onEdit?.(row.goal)}>
                      Edit
                    </button>
                    {onDelete && <DeleteButtons row={row} onDelete={onDelete} deleting={deletingId === row.id} />}
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
