"use client";

import { SubmitButton } from "@/components/ui/submit-button";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextAreaField, TextField } from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";
import { phoneCallerSchema, type PhoneCaller, type PhoneCallerInput } from "@/lib/validation/phone-booking";
import type { SlotGroup } from "@/components/booking/time-slot-form";
import { SelectField, useStaffForm } from "./form-kit";

/**
 * Times and the caller's details in one form, so a clerk can book without leaving the page. The browser checks the
 * clerk's part with the schema the server action extends; the hidden search and nonce are the server's to check.
 */
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
  const errorText = useActionErrorText();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const initial = {
    zeit: fieldValue(state, "zeit") ?? "",
    name: fieldValue(state, "name") ?? "",
    phone: fieldValue(state, "phone") ?? "",
    email: fieldValue(state, "email") ?? "",
    note: fieldValue(state, "note") ?? "",
    language: fieldValue(state, "language") === "en" ? ("en" as const) : ("de" as const),
  };
  const { form, formRef, onSubmit, errorFor, summary } = useStaffForm<PhoneCallerInput, PhoneCaller>({
    resolver: zodResolver(phoneCallerSchema),
    defaultValues: initial,
    state,
    formAction,
  });

  const firstSlot = `zeit-${days[0]?.slots[0]?.value ?? ""}`;
  const entries = summary([
    { name: "zeit", id: firstSlot },
    { name: "name", id: "name" },
    { name: "phone", id: "phone" },
    { name: "email", id: "email" },
    { name: "note", id: "note" },
    { name: "language", id: "language" },
  ]);
  const timeError = errorFor("zeit");
  const text = (name: "name" | "phone" | "email", type: "text" | "tel" | "email", label: string) => (
    <TextField id={name} type={type} autoComplete="off" label={label} error={errorFor(name)} defaultValue={initial[name]} registration={form.register(name)} />
  );

  return (
    <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={entries} intro={errorText(state)} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <h2>{t("timesTitle")}</h2>
      {timeError && (
        <p className="error-message" id="zeit-error">
          {timeError}
        </p>
      )}
      {days.map((day) => (
        <fieldset key={day.legend} className="slot-group">
          <legend>{day.legend}</legend>
          <div className="slot-grid">
            {day.slots.map((slot) => (
              <div className="slot" key={slot.value}>
                <input
                  type="radio"
                  id={`zeit-${slot.value}`}
                  value={slot.value}
                  defaultChecked={initial.zeit === slot.value}
                  aria-describedby={timeError ? "zeit-error" : undefined}
                  {...form.register("zeit")}
                />
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
      {text("name", "text", t("name"))}
      {text("phone", "tel", t("phoneNumber"))}
      {text("email", "email", t("email"))}
      <TextAreaField id="note" rows={2} label={t("note")} error={errorFor("note")} defaultValue={initial.note} registration={form.register("note")} />
      <SelectField
        id="language"
        className="input--medium"
        label={t("language")}
        error={errorFor("language")}
        defaultValue={initial.language}
        registration={form.register("language")}
        options={[
          { value: "de", label: "Deutsch" },
          { value: "en", label: "English" },
        ]}
      />
      <SubmitButton pending={pending}>{t("book")}</SubmitButton>
    </form>
  );
}
