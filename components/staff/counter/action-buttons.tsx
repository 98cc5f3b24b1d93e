"use client";

import { useActionState, useEffect, useRef } from "react";
import { useQueueErrorText } from "./queue-error-text";
import type { FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

export type ActionButton = { name: string; value: string; label: string };

/**
 * One small form of one-click buttons for one row (a booking or a queue entry). After a step the row re-renders and
 * the pressed button may be gone (e.g. "called" becomes "in service"), so focus moves to the row itself: keyboard
 * users stay where they were, and the row's new state is read out.
 */
export function ActionButtons({
  action,
  hidden,
  buttons,
  rowLabel,
  focusTargetId,
  transfer,
}: {
  action: FormAction;
  hidden: Record<string, string | number>;
  buttons: ActionButton[];
  rowLabel: string;
  focusTargetId: string;
  /** Adds a counter field for "transfer to counter …". */
  transfer?: { label: string; buttonLabel: string };
}) {
  const errorText = useQueueErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const handled = useRef<ActionState>(IDLE);
  useEffect(() => {
    if (state === handled.current || state.status !== "success") return;
    handled.current = state;
    document.getElementById(focusTargetId)?.focus();
  }, [state, focusTargetId]);
  if (buttons.length === 0 && !transfer) return null;
  const message = errorText(state);
  const idBase = `${focusTargetId}-${Object.values(hidden).join("-")}`;
  return (
    <form action={formAction} className="toolbar counter-actions">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {buttons.map((button) => (
        <SubmitButton key={`${button.name}:${button.value}`} className="button button--secondary button--small" name={button.name} value={button.value}>
          {button.label}
          <span className="visually-hidden">: {rowLabel}</span>
        </SubmitButton>
      ))}
      {transfer && (
        <span className="counter-actions__transfer">
          <label htmlFor={`${idBase}-target`}>{transfer.label}</label>
          <input id={`${idBase}-target`} name="targetCounter" type="number" min={1} max={99} inputMode="numeric" className="input--short" />
          <SubmitButton className="button button--secondary button--small" name="step" value="transfer">
            {transfer.buttonLabel}
            <span className="visually-hidden">: {rowLabel}</span>
          </SubmitButton>
        </span>
      )}
      {message && (
        <p className="error-message" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}
