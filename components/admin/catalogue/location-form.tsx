"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { CheckboxField, FormErrorSummary, KeyField, KitForm, SelectField, TextAreaField, TextField, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { LOCATION_TIME_ZONES, type LocationTimeZone } from "@/lib/domain/enums";
import { REMINDER_LIMITS } from "@/lib/domain/reminders";
import { locationSchema, type LocationInput } from "@/lib/validation/admin-catalogue";
import { useCatalogueForm } from "./use-catalogue-form";

const FORM_ID = "location-form";
const FIELDS = ["name", "slug", "street", "postalCode", "city", "timeZone", "federalState", "phone", "email", "directionsDe", "directionsEn", "active", "position", "remindersEnabled", "reminderDaysBefore", "reminderHour"];

/**
 * Create or edit a location: address, time zone, federal state (public holidays), contact, directions and reminder
 * e-mails. Opening
 * hours, capacity and closures live on the capacity pages.
 */
/** A label per offered zone; the type asks for one whenever LOCATION_TIME_ZONES grows. */
const TIME_ZONE_LABELS: Record<LocationTimeZone, "fields.timeZoneGermany"> = { "Europe/Berlin": "fields.timeZoneGermany" };

export function LocationForm({
  action,
  defaults,
  recordId,
  federalStates,
  submitLabel,
  cancelHref,
  cancelLabel,
}: {
  action: FormAction;
  defaults: LocationInput;
  recordId?: number;
  /** Code and name in the admin's language, alphabetically. */
  federalStates: { value: string; label: string }[];
  submitLabel: string;
  cancelHref: string;
  cancelLabel: string;
}) {
  const t = useTranslations("adminCatalogue.locations");
  const tCommon = useTranslations("adminCatalogue.common");
  const kit = useCatalogueForm(locationSchema, action, defaults, FORM_ID);
  const optional = tCommon("optional");

  return (
    <KitForm kit={kit} id={FORM_ID}>
      <FormErrorSummary fields={FIELDS} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}

      <h2>{t("sections.address")}</h2>
      <TextField name="name" label={t("fields.name")} hint={t("fields.nameHint")} maxLength={120} />
      <KeyField name="slug" label={t("fields.slug")} hint={t("fields.slugHint")} optionalText={optional} />
      <TextField name="street" label={t("fields.street")} maxLength={120} />
      <TextField name="postalCode" label={t("fields.postalCode")} hint={t("fields.postalCodeHint")} inputMode="numeric" maxLength={5} className="input--short" />
      <TextField name="city" label={t("fields.city")} maxLength={80} className="input--medium" />

      <h2>{t("sections.region")}</h2>
      <SelectField
        name="timeZone"
        label={t("fields.timeZone")}
        hint={t("fields.timeZoneHint")}
        options={LOCATION_TIME_ZONES.map((zone) => ({ value: zone, label: t(TIME_ZONE_LABELS[zone]) }))}
        className="input--medium"
      />
      <SelectField
        name="federalState"
        label={t("fields.federalState")}
        hint={t("fields.federalStateHint")}
        options={federalStates}
        placeholder={t("fields.federalStateChoose")}
        className="input--medium"
      />

      <h2>{t("sections.contact")}</h2>
      <TextField name="phone" type="tel" label={t("fields.phone")} hint={t("fields.phoneHint")} maxLength={40} className="input--medium" />
      <TextField name="email" type="email" label={t("fields.email")} hint={t("fields.emailHint")} maxLength={254} spellCheck={false} />

      <h2>{t("sections.directions")}</h2>
      <TextAreaField name="directionsDe" label={t("fields.directionsDe")} hint={t("fields.directionsDeHint")} optionalText={optional} maxLength={1000} rows={4} lang="de" />
      <TextAreaField name="directionsEn" label={t("fields.directionsEn")} optionalText={optional} maxLength={1000} rows={4} lang="en" />

      <h2>{t("sections.booking")}</h2>
      <CheckboxField name="active" label={t("fields.active")} hint={t("fields.activeHint")} />
      <TextField name="position" label={t("fields.position")} hint={t("fields.positionHint")} optionalText={optional} inputMode="numeric" maxLength={4} className="input--short" />

      <h2>{t("sections.reminders")}</h2>
      <CheckboxField name="remindersEnabled" label={t("fields.remindersEnabled")} hint={t("fields.remindersEnabledHint")} />
      <TextField
        name="reminderDaysBefore"
        label={t("fields.reminderDaysBefore")}
        hint={t("fields.reminderDaysBeforeHint", { max: REMINDER_LIMITS.daysBefore.max })}
        inputMode="numeric"
        maxLength={2}
        className="input--short"
      />
      <TextField
        name="reminderHour"
        label={t("fields.reminderHour")}
        hint={t("fields.reminderHourHint", { min: REMINDER_LIMITS.hour.min, max: REMINDER_LIMITS.hour.max })}
        inputMode="numeric"
        maxLength={2}
        className="input--short"
      />

      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </KitForm>
  );
}
