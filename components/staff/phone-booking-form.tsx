"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { SlotGroup } from "@/components/booking/time-slot-form";
import { FormErrorSummary, KitForm, SelectField, TextAreaField, TextField, useKitForm, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE } from "@/lib/actions/action-state";
import { phoneCallerSchema } from "@/lib/validation/phone-booking";

/**
 * Times and the caller's details in one form, so a clerk can book without leaving the page. The browser checks the
 * clerk's part with the schema the server action extends; the hidden search and nonce are the server's to check.
 */
export function PhoneBookingForm({
  action,
  days,
  hidden,
}: {
  action: FormAction;
  days: SlotGroup[];
  hidden: Record<string, string>;
}) {
  const t = useTranslations("staff.phone");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const initial = {
    zeit: fieldValue(state, "zeit") ?? "",
    name: fieldValue(state, "name") ?? "",
    phone: fieldValue(state, "phone") ?? "",
    email: fieldValue(state, "email") ?? "",
    note: fieldValue(state, "note") ?? "",
    language: fieldValue(state, "language") === "en" ? ("en" as const) : ("de" as const),
  };
  const kit = useKitForm(phoneCallerSchema, { state, formAction, defaultValues: initial });

  const firstSlot = `zeit-${days[0]?.slots[0]?.value ?? ""}`;
  const timeError = kit.errorFor("zeit");

  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={[{ name: "zeit", id: firstSlot }, "name", "phone", "email", "note", "language"]} />
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
                  {...kit.form.register("zeit")}
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
      <TextField name="name" label={t("name")} />
      <TextField name="phone" type="tel" label={t("phoneNumber")} />
      <TextField name="email" type="email" label={t("email")} />
      <TextAreaField name="note" rows={2} label={t("note")} />
      <SelectField
        name="language"
        className="input--medium"
        label={t("language")}
        options={[
          { value: "de", label: "Deutsch" },
          { value: "en", label: "English" },
        ]}
      />
      <SubmitButton pending={pending}>{t("book")}</SubmitButton>
    </KitForm>
  );
}
