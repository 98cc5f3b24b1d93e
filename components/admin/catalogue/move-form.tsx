"use client";

import { useActionState } from "react";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import type { FormAction } from "@/components/ui/form-kit";

/**
 * A small button that moves one row up or down. The visible text is short ("Nach oben"); the hidden part names the row,
 * so a screen reader's list of buttons stays meaningful.
 */
export function MoveForm({
  action,
  id,
  direction,
  label,
  hiddenLabel,
}: {
  action: FormAction;
  id: number;
  direction: "up" | "down";
  label: string;
  hiddenLabel: string;
}) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, IDLE);
  const errorText = useActionErrorText();
  const message = errorText(state);
  return (
    <form action={formAction} style={{ display: "inline-block", marginRight: "var(--space-2)" }}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="direction" value={direction} />
      <SubmitButton className="button button--secondary button--small">
        {label}
        <span className="visually-hidden"> – {hiddenLabel}</span>
      </SubmitButton>
      {message && (
        <span className="error-message" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}
