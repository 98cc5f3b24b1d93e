"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { SlotGroup, SlotOption } from "@/components/booking/time-slot-form";
import { FormErrorSummary, KitForm, SelectField, TextAreaField, TextField, useKitForm, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";
import { formatTimeParam } from "@/lib/booking-flow/selection";
import type { Language } from "@/lib/domain/enums";
import { instantToZoned } from "@/lib/domain/zoned-time";
import { formatClock, formatDateTime, formatLocalDate } from "@/lib/i18n/format";
import { phoneCallerSchema } from "@/lib/validation/phone-booking";

/** The nearest free times the action offers when the chosen one was taken meanwhile, as radio options. */
function alternativesFrom(state: ActionState, timeZone: string, language: Language): SlotOption[] | null {
  if (state.status !== "error" || state.code !== "slot_taken") return null;
  const isoTimes = Array.isArray(state.details.alternatives) ? state.details.alternatives.filter((value): value is string => typeof value === "string") : [];
  return isoTimes.flatMap((iso) => {
    const instant = new Date(iso);
    if (Number.isNaN(instant.getTime())) return [];
    // The alternatives may lie on other days: the day is shown with the time ("Di., 15.12. 09:40").
    const day = formatLocalDate(instantToZoned(instant, timeZone).date, language, { weekday: "short", day: "numeric", month: "numeric" });
    return [{ value: formatTimeParam(instant), time: `${day} ${formatClock(instant, language, timeZone)}`, fullName: formatDateTime(instant, language, timeZone) }];
  });
}

/**
 * The chosen day's times and the caller's details in one form, so a clerk can book without leaving the page. The
 * browser checks the clerk's part with the schema the server action extends; the hidden search and nonce are the
 * server's to check. When the time was taken meanwhile, the caller's details stay, the taken time is gone and the
 * nearest free times are offered first.
 */
export function PhoneBookingForm({
  action,
  groups,
  hidden,
  timeZone,
  language,
}: {
  action: FormAction;
  groups: SlotGroup[];
  hidden: Record<string, string>;
  timeZone: string;
  language: Language;
}) {
  const t = useTranslations("staff.phone");
  const tDay = useTranslations("staff.phoneDay");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const alternatives = alternativesFrom(state, timeZone, language);
  const taken = alternatives ? fieldValue(state, "zeit") : undefined;
  const initial = {
    // A taken time is not offered again, so nothing is chosen.
    zeit: alternatives ? "" : (fieldValue(state, "zeit") ?? ""),
    name: fieldValue(state, "name") ?? "",
    phone: fieldValue(state, "phone") ?? "",
    email: fieldValue(state, "email") ?? "",
    note: fieldValue(state, "note") ?? "",
    language: fieldValue(state, "language") === "en" ? ("en" as const) : ("de" as const),
  };
  const kit = useKitForm(phoneCallerSchema, { state, formAction, defaultValues: initial });

  const offered = new Set([taken, ...(alternatives ?? []).map((slot) => slot.value)]);
  const dayGroups = groups.map((group) => ({ ...group, slots: group.slots.filter((slot) => !offered.has(slot.value)) })).filter((group) => group.slots.length > 0);
  const allGroups: (SlotGroup & { key: string; wide?: boolean })[] = [
    ...(alternatives && alternatives.length > 0 ? [{ key: "alternatives", legend: tDay("alternativesTitle"), slots: alternatives, wide: true }] : []),
    ...dayGroups.map((group) => ({ ...group, key: group.legend })),
  ];
  const firstSlot = allGroups[0]?.slots[0] ? `zeit-${allGroups[0].slots[0].value}` : "name";
  const intro = alternatives ? tDay(alternatives.length > 0 ? "taken" : "takenNoAlternatives") : undefined;
  const timeError = kit.errorFor("zeit");

  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={[{ name: "zeit", id: firstSlot }, "name", "phone", "email", "note", "language"]} intro={intro} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      {timeError && (
        <p className="error-message" id="zeit-error">
          {timeError}
        </p>
      )}
      {allGroups.map((group) => (
        <fieldset key={group.key} className="slot-group">
          <legend>{group.legend}</legend>
          <div className="slot-grid">
            {group.slots.map((slot) => (
              <div className="slot" key={slot.value} style={group.wide ? { gridColumn: "span 2" } : undefined}>
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
