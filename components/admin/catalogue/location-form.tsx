"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { LOCATION_TIME_ZONES, locationSchema, type LocationInput } from "@/lib/validation/admin-catalogue";
import { CheckboxField, isTicked, KeyField, SelectField, TextAreaField, textAt, TextField, useAdminForm, type FormAction } from "./form-kit";

const FORM_ID = "location-form";
const FIELDS = ["name", "slug", "street", "postalCode", "city", "timeZone", "federalState", "phone", "email", "directionsDe", "directionsEn", "active", "position"];

/**
 * Create or edit a location: address, time zone, federal state (public holidays), contact and directions. Opening
 * hours, capacity and closures live on the capacity pages.
 */
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
  const { formRef, formAction, form, initial, errorFor, summary, intro, onSubmit } = useAdminForm(locationSchema, action, defaults);
  const optional = tCommon("optional");
  const text = (path: keyof LocationInput & string) => textAt(initial, path);

  return (
    <form id={FORM_ID} ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary(FIELDS, FORM_ID)} intro={intro} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}

      <h2>{t("sections.address")}</h2>
      <TextField path="name" label={t("fields.name")} hint={t("fields.nameHint")} error={errorFor("name")} defaultValue={text("name")} maxLength={120} registration={form.register("name")} />
      <KeyField path="slug" label={t("fields.slug")} hint={t("fields.slugHint")} optionalText={optional} error={errorFor("slug")} defaultValue={text("slug")} registration={form.register("slug")} />
      <TextField path="street" label={t("fields.street")} error={errorFor("street")} defaultValue={text("street")} maxLength={120} registration={form.register("street")} />
      <TextField
        path="postalCode"
        label={t("fields.postalCode")}
        hint={t("fields.postalCodeHint")}
        error={errorFor("postalCode")}
        defaultValue={text("postalCode")}
        inputMode="numeric"
        maxLength={5}
       
        className="input--short"
        registration={form.register("postalCode")}
      />
      <TextField path="city" label={t("fields.city")} error={errorFor("city")} defaultValue={text("city")} maxLength={80} className="input--medium" registration={form.register("city")} />

      <h2>{t("sections.region")}</h2>
      <SelectField
        path="timeZone"
        label={t("fields.timeZone")}
        hint={t("fields.timeZoneHint")}
        error={errorFor("timeZone")}
        defaultValue={text("timeZone")}
        options={LOCATION_TIME_ZONES.map((zone) => ({ value: zone, label: zone === "Europe/Berlin" ? t("fields.timeZoneGermany") : zone }))}
        className="input--medium"
        registration={form.register("timeZone")}
      />
      <SelectField
        path="federalState"
        label={t("fields.federalState")}
        hint={t("fields.federalStateHint")}
        error={errorFor("federalState")}
        defaultValue={text("federalState")}
        options={federalStates}
        placeholder={t("fields.federalStateChoose")}
        className="input--medium"
        registration={form.register("federalState")}
      />

      <h2>{t("sections.contact")}</h2>
      <TextField path="phone" type="tel" label={t("fields.phone")} hint={t("fields.phoneHint")} error={errorFor("phone")} defaultValue={text("phone")} maxLength={40} className="input--medium" registration={form.register("phone")} />
      <TextField path="email" type="email" label={t("fields.email")} hint={t("fields.emailHint")} error={errorFor("email")} defaultValue={text("email")} maxLength={254} spellCheck={false} registration={form.register("email")} />

      <h2>{t("sections.directions")}</h2>
      <TextAreaField path="directionsDe" label={t("fields.directionsDe")} hint={t("fields.directionsDeHint")} optional optionalText={optional} error={errorFor("directionsDe")} defaultValue={text("directionsDe")} maxLength={1000} rows={4} lang="de" registration={form.register("directionsDe")} />
      <TextAreaField path="directionsEn" label={t("fields.directionsEn")} optional optionalText={optional} error={errorFor("directionsEn")} defaultValue={text("directionsEn")} maxLength={1000} rows={4} lang="en" registration={form.register("directionsEn")} />

      <h2>{t("sections.booking")}</h2>
      <CheckboxField path="active" label={t("fields.active")} hint={t("fields.activeHint")} error={errorFor("active")} defaultChecked={isTicked(initial.active)} registration={form.register("active")} />
      <TextField
        path="position"
        label={t("fields.position")}
        hint={t("fields.positionHint")}
        optional
        optionalText={optional}
        error={errorFor("position")}
        defaultValue={text("position")}
        inputMode="numeric"
        maxLength={4}
        className="input--short"
        registration={form.register("position")}
      />

      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </form>
  );
}
