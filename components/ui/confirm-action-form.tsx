"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

/** A single-button form for a confirmed action (cancel, delete), with the calm error message if it fails. */
export function ConfirmActionForm({
  action,
  hidden,
  label,
  danger = false,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  danger?: boolean;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const errorText = useActionErrorText();
  return (
    <form action={formAction}>
      <ErrorSummary entries={[]} intro={errorText(state)} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <SubmitButton className={danger ? "button button--danger" : "button"}>{label}</SubmitButton>
    </form>
  );
}
