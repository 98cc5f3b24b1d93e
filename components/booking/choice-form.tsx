"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

export type Choice = { value: string; label: string; description?: string[] };

/**
 * One required choice as radio buttons (location, or a new time when moving a booking), posted to a server action.
 * Hidden fields carry earlier choices; without JavaScript the form still posts and shows errors.
 */
export function ChoiceForm({
  action,
  name,
  legend,
  choices,
  defaultValue,
  hidden,
  submitLabel,
  errorKey,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  name: string;
  legend: string;
  choices: Choice[];
  defaultValue?: string;
  hidden: Record<string, string>;
  submitLabel: string;
  errorKey: string;
}) {
  const tErrors = useTranslations("errors");
  const [state, formAction] = useActionState(action, IDLE);
  const fieldError = state.status === "error" ? state.fieldErrors[name]?.[0] : undefined;
  const firstId = `${name}-${choices[0]?.value ?? ""}`;
  const errorText = useActionErrorText();
  return (
    <form action={formAction} noValidate>
      <ErrorSummary
        entries={fieldError ? [{ fieldId: firstId, message: tErrors(`fields.${errorKey}` as "fields.required") }] : []}
        intro={errorText(state)}
      />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <fieldset className={fieldError ? "field field--error" : "field"} aria-describedby={fieldError ? `${name}-error` : undefined}>
        <legend>{legend}</legend>
        {fieldError && (
          <span className="error-message" id={`${name}-error`}>
            {tErrors(`fields.${errorKey}` as "fields.required")}
          </span>
        )}
        {choices.map((choice) => {
          const id = `${name}-${choice.value}`;
          return (
            <div className="radio" key={choice.value}>
              <input type="radio" id={id} name={name} value={choice.value} defaultChecked={choice.value === defaultValue} aria-describedby={choice.description ? `${id}-desc` : undefined} />
              <label htmlFor={id}>
                <strong>{choice.label}</strong>
                {choice.description && (
                  <span className="hint" id={`${id}-desc`}>
                    {choice.description.map((line) => (
                      <span key={line} style={{ display: "block" }}>
                        {line}
                      </span>
                    ))}
                  </span>
                )}
              </label>
            </div>
          );
        })}
      </fieldset>
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
