"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

export type SlotOption = { value: string; time: string; fullName: string };
export type SlotGroup = { legend: string; slots: SlotOption[] };

/**
 * Free times as radio buttons, grouped by morning and afternoon. Sighted users see "09:30"; screen readers hear the
 * full "Dienstag, 1. Dezember 2026, 09:30 Uhr".
 */
export function TimeSlotForm({
  action,
  groups,
  hidden,
  defaultValue,
  submitLabel,
  title,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  groups: SlotGroup[];
  hidden: Record<string, string>;
  defaultValue?: string;
  submitLabel: string;
  title: string;
}) {
  const tErrors = useTranslations("errors.fields");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const fieldError = state.status === "error" ? state.fieldErrors.zeit?.[0] : undefined;
  const firstId = `zeit-${groups[0]?.slots[0]?.value ?? ""}`;
  return (
    <form action={formAction} noValidate>
      <ErrorSummary entries={fieldError && state.status === "error" && state.code === "validation" ? [{ fieldId: firstId, message: tErrors(fieldError as "required") }] : []} intro={errorText(state)} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <fieldset className={fieldError ? "field field--error" : "field"}>
        <legend className="visually-hidden">{title}</legend>
        {fieldError && <span className="error-message">{tErrors(fieldError as "required")}</span>}
        {groups.map((group) => (
          <fieldset key={group.legend} className="slot-group">
            <legend>{group.legend}</legend>
            <div className="slot-grid">
              {group.slots.map((slot) => {
                const id = `zeit-${slot.value}`;
                return (
                  <div className="slot" key={slot.value}>
                    <input type="radio" id={id} name="zeit" value={slot.value} defaultChecked={slot.value === defaultValue} />
                    <label htmlFor={id}>
                      <span aria-hidden="true">{slot.time}</span>
                      <span className="visually-hidden">{slot.fullName}</span>
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
