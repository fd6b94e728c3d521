"use client";
import { type ReactNode, useId } from "react";

/** One choice of a Segmented control. */
export interface SegmentedOption<Value extends string> {
  /** The value `onChange` receives. */
  value: Value;
  /** What the choice is called on screen. */
  label: string;
}

export interface SegmentedProps<Value extends string> {
  /** Accessible name of the group ("Rank users by"). */
  label: string;
  /** The choices in order. */
  options: ReadonlyArray<SegmentedOption<Value>>;
  /** The chosen value. */
  value: Value;
  /** Called with the new value when another choice is picked. */
  onChange: (value: Value) => void;
}

/** A small radio group drawn as a segmented switch (arrow keys move between choices, as radios do). */
export function Segmented<Value extends string>({ label, options, value, onChange }: SegmentedProps<Value>): ReactNode {
  const name = useId();
  return (
    <fieldset className="pm-control pm-segmented-group">
      <legend className="pm-sr-only">{label}</legend>
      <div className="pm-segmented">
        {options.map((option) => (
          <label key={option.value} className="pm-segment">
            <input type="radio" name={name} value={option.value} checked={option.value === value} onChange={() => onChange(option.value)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
