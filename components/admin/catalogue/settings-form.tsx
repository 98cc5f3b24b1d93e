"use client";

import { useTranslations } from "next-intl";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { SLOT_GRID_MINUTES } from "@/lib/domain/enums";
import { settingsSchema, type SettingsInput } from "@/lib/validation/admin-catalogue";
import { SelectField, TextAreaField, TextField, textAt, useAdminForm, type FormAction } from "./form-kit";

const FORM_ID = "settings-form";

type Name = keyof SettingsInput & string;
type Kind = "number" | "text" | "postal" | "tel" | "email" | "long";

/** The settings form's sections in order; every field has a hint that explains what it changes. */
const SECTIONS: { key: string; fields: [Name, Kind][] }[] = [
  {
    key: "rules",
    fields: [
      ["leadTimeMinutes", "number"],
      ["horizonDays", "number"],
      ["slotGridMinutes", "number"],
      ["cancellationCutoffMinutes", "number"],
      ["maxActiveBookingsPerEmail", "number"],
    ],
  },
  { key: "privacy", fields: [["retentionDays", "number"]] },
  {
    key: "office",
    fields: [
      ["officeName", "text"],
      ["operatorName", "text"],
      ["operatorStreet", "text"],
      ["operatorPostalCode", "postal"],
      ["operatorCity", "text"],
      ["operatorRepresentative", "text"],
    ],
  },
  {
    key: "contact",
    fields: [
      ["contactPhone", "tel"],
      ["contactEmail", "email"],
    ],
  },
  {
    key: "legal",
    fields: [
      ["accessibilityContactEmail", "email"],
      ["dataProtectionOfficer", "long"],
      ["supervisoryAuthority", "long"],
      ["vatId", "text"],
    ],
  },
  { key: "embedding", fields: [["frameAncestors", "long"]] },
];

export function SettingsForm({ action, defaults }: { action: FormAction; defaults: SettingsInput }) {
  const t = useTranslations("adminCatalogue.settings");
  const tCommon = useTranslations("adminCatalogue.common");
  const { formRef, formAction, form, initial, errorFor, summary, intro, onSubmit } = useAdminForm(settingsSchema, action, defaults);
  const allFields = SECTIONS.flatMap((section) => section.fields.map(([name]) => name));

  const field = (name: Name, kind: Kind) => {
    const common = {
      path: name,
      label: t(`fields.${name}`),
      hint: t(`fields.${name}Hint`),
      error: errorFor(name),
      registration: form.register(name),
    };
    const value = textAt(initial, name);
    if (name === "slotGridMinutes") {
      return (
        <SelectField
          key={name}
          {...common}
          defaultValue={value}
          className="input--medium"
          options={SLOT_GRID_MINUTES.map((minutes) => ({ value: String(minutes), label: t("fields.slotGridOption", { minutes }) }))}
        />
      );
    }
    if (name === "frameAncestors") {
      return <TextAreaField key={name} {...common} optional optionalText={tCommon("optional")} defaultValue={value} maxLength={2_000} rows={3} />;
    }
    if (kind === "long") return <TextAreaField key={name} {...common} defaultValue={value} maxLength={500} rows={3} />;
    if (kind === "number") return <TextField key={name} {...common} defaultValue={value} inputMode="numeric" maxLength={6} className="input--short" />;
    if (kind === "postal") return <TextField key={name} {...common} defaultValue={value} inputMode="numeric" maxLength={5} className="input--short" />;
    if (kind === "tel") return <TextField key={name} {...common} type="tel" defaultValue={value} maxLength={40} className="input--medium" />;
    if (kind === "email") return <TextField key={name} {...common} type="email" defaultValue={value} maxLength={254} spellCheck={false} />;
    if (name === "vatId") return <TextField key={name} {...common} optional optionalText={tCommon("optional")} defaultValue={value} maxLength={20} spellCheck={false} className="input--medium" />;
    return <TextField key={name} {...common} defaultValue={value} maxLength={name === "operatorRepresentative" ? 200 : 120} />;
  };

  return (
    <form id={FORM_ID} ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary(allFields, FORM_ID)} intro={intro} />
      {SECTIONS.map((section) => (
        <section key={section.key} aria-labelledby={`settings-${section.key}`}>
          <h2 id={`settings-${section.key}`}>{t(`sections.${section.key}`)}</h2>
          {section.fields.map(([name, kind]) => field(name, kind))}
        </section>
      ))}
      <SubmitButton pendingLabel={tCommon("saving")}>{t("submit")}</SubmitButton>
    </form>
  );
}
