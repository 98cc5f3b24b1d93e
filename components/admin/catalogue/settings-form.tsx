"use client";

import { useTranslations } from "next-intl";
import { FormErrorSummary, KitForm, SelectField, TextAreaField, TextField, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { SLOT_GRID_MINUTES } from "@/lib/domain/enums";
import { settingsSchema, type SettingsInput } from "@/lib/validation/admin-catalogue";
import { useCatalogueForm } from "./use-catalogue-form";

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
      ["noShowLimit", "number"],
      ["noShowWindowMonths", "number"],
      ["offerHoldHours", "number"],
      ["bookingConfirmationMinutes", "number"],
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
  const kit = useCatalogueForm(settingsSchema, action, defaults, FORM_ID);
  const allFields = SECTIONS.flatMap((section) => section.fields.map(([name]) => name));

  const field = (name: Name, kind: Kind) => {
    const common = { name, label: t(`fields.${name}`), hint: t(`fields.${name}Hint`) };
    if (name === "slotGridMinutes") {
      return (
        <SelectField
          key={name}
          {...common}
         
          className="input--medium"
          options={SLOT_GRID_MINUTES.map((minutes) => ({ value: String(minutes), label: t("fields.slotGridOption", { minutes }) }))}
        />
      );
    }
    if (name === "frameAncestors") {
      return <TextAreaField key={name} {...common} optionalText={tCommon("optional")} maxLength={2_000} rows={3} />;
    }
    if (kind === "long") return <TextAreaField key={name} {...common} maxLength={500} rows={3} />;
    if (kind === "number") return <TextField key={name} {...common} inputMode="numeric" maxLength={6} className="input--short" />;
    if (kind === "postal") return <TextField key={name} {...common} inputMode="numeric" maxLength={5} className="input--short" />;
    if (kind === "tel") return <TextField key={name} {...common} type="tel" maxLength={40} className="input--medium" />;
    if (kind === "email") return <TextField key={name} {...common} type="email" maxLength={254} spellCheck={false} />;
    if (name === "vatId") return <TextField key={name} {...common} optionalText={tCommon("optional")} maxLength={20} spellCheck={false} className="input--medium" />;
    return <TextField key={name} {...common} maxLength={name === "operatorRepresentative" ? 200 : 120} />;
  };

  return (
    <KitForm kit={kit} id={FORM_ID}>
      <FormErrorSummary fields={allFields} />
      {SECTIONS.map((section) => (
        <section key={section.key} aria-labelledby={`settings-${section.key}`}>
          <h2 id={`settings-${section.key}`}>{t(`sections.${section.key}`)}</h2>
          {section.fields.map(([name, kind]) => field(name, kind))}
        </section>
      ))}
      <SubmitButton pendingLabel={tCommon("saving")}>{t("submit")}</SubmitButton>
    </KitForm>
  );
}
