"use client";
import type { GoalMetric } from "@promptmeter/schema";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import {
  GOAL_METRIC_META,
  GOAL_METRICS_ORDERED,
  GOAL_WINDOWS,
  type Goal,
  type GoalDraft,
  targetFromInput,
  targetToInput,
  UNIT_INPUT_LABEL,
} from "./prepare.js";

export interface GoalFormProps {
  /** The goal to edit; null for a new one. */
  goal: Goal | null;
  /** Saves the goal (its id and filters kept when editing). */
  onSave: (draft: GoalDraft) => void;
  /** Closes the form without saving. */
  onCancel: () => void;
  /** A save is in flight: the buttons wait. */
  saving?: boolean;
  /** Why the last save failed, if it did. */
  error?: string | null | undefined;
}

/** Add or edit one goal: metric, at most / at least, target in the metric's unit, and window. */
export function GoalForm({ goal, onSave, onCancel, saving = false, error }: GoalFormProps): ReactNode {
  const id = useId();
  const [metric, setMetric] = useState<GoalMetric>(goal?.metric ?? "latencyP95Ms");
  const [op, setOp] = useState<Goal["op"]>(goal?.op ?? GOAL_METRIC_META.latencyP95Ms.op);
  const [target, setTarget] = useState(goal ? String(targetToInput(goal.metric, goal.target)) : "");
  const [window, setWindow] = useState<Goal["window"]>(goal?.window ?? "7d");
  const [invalid, setInvalid] = useState<string | null>(null);
  const unit = GOAL_METRIC_META[metric].unit;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = targetFromInput(metric, target);
    if ("error" in parsed) {
      setInvalid(parsed.error);
      return;
    }
    setInvalid(null);
    onSave({ ...(goal ? { id: goal.id, filters: goal.filters } : {}), metric, op, target: parsed.target, window });
  };
  const message = invalid ?? error ?? null;

  return (
    <form
      className="pm-goal-form"
      aria-label={goal ? "Edit goal" : "New goal"}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <label className="pm-field" htmlFor={`${id}-metric`}>
        Metric
        <select
          id={`${id}-metric`}
          className="pm-select"
          value={metric}
          onChange={(event) => {
            const next = event.target.value as GoalMetric;
            setMetric(next);
            // A new goal starts from the usual direction of its metric (≤ for latency, ≥ for availability).
            if (!goal) setOp(GOAL_METRIC_META[next].op);
          }}
        >
          {GOAL_METRICS_ORDERED.map((m) => (
            <option key={m} value={m}>
              {GOAL_METRIC_META[m].label}
            </option>
          ))}
        </select>
      </label>
      <label className="pm-field" htmlFor={`${id}-op`}>
        Condition
        <select id={`${id}-op`} className="pm-select" value={op} onChange={(event) => setOp(event.target.value === "gte" ? "gte" : "lte")}>
          <option value="lte">at most (≤)</option>
          <option value="gte">at least (≥)</option>
        </select>
      </label>
      <label className="pm-field" htmlFor={`${id}-target`}>
        Target ({UNIT_INPUT_LABEL[unit]})
        <input
          id={`${id}-target`}
          className="pm-input pm-goal-target"
          inputMode="decimal"
          value={target}
          aria-invalid={invalid !== null}
          onChange={(event) => setTarget(event.target.value)}
        />
      </label>
      <label className="pm-field" htmlFor={`${id}-window`}>
        Over the last
        <select
          id={`${id}-window`}
          className="pm-select"
          value={window}
          onChange={(event) => setWindow(GOAL_WINDOWS.find((w) => w.value === event.target.value)?.value ?? "7d")}
        >
          {GOAL_WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      <div className="pm-goal-form-buttons">
        <button type="submit" className="pm-button pm-button-primary" disabled={saving}>
          {saving ? "Saving…" : goal ? "Save goal" : "Add goal"}
        </button>
        <button type="button" className="pm-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {message && (
        <p className="pm-form-error" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}
