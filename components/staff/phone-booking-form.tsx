"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";
import type { SlotGroup } from "@/components/booking/time-slot-form";

type Field = "zeit" | "name" | "phone" | "email" | "note";

/** Times and the caller's details in one form, so a clerk can book without leaving the page. */
export function PhoneBookingForm({
  action,
  days,
  hidden,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  days: SlotGroup[];
  hidden: Record<string, string>;
}) {
  const t = useTranslations("staff.phone");
  const tErrors = useTranslations("errors.fields");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const message = (field: Field) => (errors[field]?.[0] ? tErrors(errors[field][0] as "required") : undefined);
  const firstSlot = `zeit-${days[0]?.slots[0]?.value ?? ""}`;
  const summary = (["zeit", "name", "phone", "email", "note"] as Field[]).flatMap((field) =>
    message(field) ? [{ fieldId: field === "zeit" ? firstSlot : field, message: message(field)! }] : [],
  );
  const input = (field: Exclude<Field, "zeit" | "note">, type: string, label: string, autoComplete: string) => (
    <div className={message(field) ? "field field--error" : "field"}>
      <label htmlFor={field}>{label}</label>
      {message(field) && (
        <span className="error-message" id={`${field}-error`}>
          {message(field)}
        </span>
      )}
      <input
        id={field}
        name={field}
        type={type}
        autoComplete={autoComplete}
        defaultValue={fieldValue(state, field) ?? ""}
        aria-invalid={message(field) ? true : undefined}
        aria-describedby={message(field) ? `${field}-error` : undefined}
      />
    </div>
  );
  return (
    <form action={formAction} noValidate>
      <ErrorSummary entries={summary} intro={state.status === "error" && state.code !== "validation" ? errorText(state) : undefined} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <h2>{t("timesTitle")}</h2>
      {message("zeit") && <p className="error-message">{message("zeit")}</p>}
      {days.map((day) => (
        <fieldset key={day.legend} className="slot-group">
          <legend>{day.legend}</legend>
          <div className="slot-grid">
            {day.slots.map((slot) => (
              <div className="slot" key={slot.value}>
                <input type="radio" id={`zeit-${slot.value}`} name="zeit" value={slot.value} defaultChecked={fieldValue(state, "zeit") === slot.value} />
                <label htmlFor={`zeit-${slot.value}`}>
                  <span aria-hidden="true">{slot.time}</span>
                  <span className="visually-hidden">{slot.fullName}</span>
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      ))}
      <h2>{t("callerTitle")}</h2>
      {input("name", "text", t("name"), "off")}
      {input("phone", "tel", t("phoneNumber"), "off")}
      {input("email", "email", t("email"), "off")}
      <div className={message("note") ? "field field--error" : "field"}>
        <label htmlFor="note">{t("note")}</label>
        <textarea id="note" name="note" rows={2} defaultValue={fieldValue(state, "note") ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="language">{t("language")}</label>
        <select id="language" name="language" defaultValue={fieldValue(state, "language") ?? "de"} className="input--medium">
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </select>
      </div>
      <SubmitButton>{t("book")}</SubmitButton>
    </form>
  );
}
