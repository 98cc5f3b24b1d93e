"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

/** A clerk picks one of the free times and offers it to this entry; the same hold and mail as the matcher's. */
export function OfferByHandForm({
  action,
  entryId,
  location,
  times,
  label,
  submitLabel,
  context,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  entryId: number;
  location: string;
  times: { value: string; label: string }[];
  label: string;
  submitLabel: string;
  /** Completes the names for screen readers: many such forms share the page. */
  context: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const errorText = useActionErrorText();
  const id = `zeit-${entryId}`;
  return (
    <form action={formAction} className="stack">
      <ErrorSummary entries={[]} intro={errorText(state)} />
      <input type="hidden" name="eintrag" value={entryId} />
      <input type="hidden" name="standort" value={location} />
      <div className="field">
        <label htmlFor={id}>
          {label}
          <span className="visually-hidden">: {context}</span>
        </label>
        <select id={id} name="zeit">
          {times.map((time) => (
            <option key={time.value} value={time.value}>
              {time.label}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton className="button button--secondary">
        {submitLabel}
        <span className="visually-hidden">: {context}</span>
      </SubmitButton>
    </form>
  );
}
