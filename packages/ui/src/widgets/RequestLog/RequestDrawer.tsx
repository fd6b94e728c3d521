"use client";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from "react";

export interface RequestDrawerProps {
  /** Heading of the drawer. */
  title: ReactNode;
  /** Closes the drawer (Escape, the close button, or a click outside). */
  onClose: () => void;
  /** The drawer's body. */
  children?: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal panel on the right: focus moves into it on open and Tab stays inside; Escape closes it.
 * Rendered in place (no portal) so that the host's theme class and CSS variables still apply.
 */
export function RequestDrawer({ title, onClose, children }: RequestDrawerProps): ReactNode {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeButton.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== "Tab" || !panel.current) return;
    const focusable = Array.from(panel.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="pm-drawer-layer">
      {/* The backdrop is a mouse convenience; keyboard users close with Escape or the button. */}
      <div className="pm-drawer-backdrop" aria-hidden="true" onClick={onClose} />
      <div ref={panel} className="pm-drawer" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <div className="pm-drawer-header">
          <h3 id={titleId} className="pm-card-title">
            {title}
          </h3>
          <button ref={closeButton} type="button" className="pm-button" onClick={onClose} aria-label="Close details">
            ✕
          </button>
        </div>
        <div className="pm-drawer-body">{children}</div>
      </div>
    </div>
  );
}
