"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { CheckboxField, FormErrorSummary, KeyField, KitForm, TextField, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { categorySchema, type CategoryInput } from "@/lib/validation/admin-catalogue";
import { useCatalogueForm } from "./use-catalogue-form";

const FORM_ID = "category-form";

/** Create or rename a category (both languages) and set its place in the order. */
export function CategoryForm({
  action,
  defaults,
  recordId,
  submitLabel,
  cancelHref,
  cancelLabel,
}: {
  action: FormAction;
  defaults: CategoryInput;
  recordId?: number;
  submitLabel: string;
  cancelHref: string;
  cancelLabel: string;
}) {
  const t = useTranslations("adminCatalogue.categories.fields");
  const tCommon = useTranslations("adminCatalogue.common");
  const kit = useCatalogueForm(categorySchema, action, defaults, FORM_ID);
  const optional = tCommon("optional");
  return (
    <KitForm kit={kit} id={FORM_ID}>
      <FormErrorSummary fields={["nameDe", "nameEn", "slug", "position", "openByDefault"]} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}
      <TextField name="nameDe" label={t("nameDe")} hint={t("nameDeHint")} maxLength={80} lang="de" />
      <TextField name="nameEn" label={t("nameEn")} maxLength={80} lang="en" />
      <KeyField name="slug" label={t("slug")} hint={t("slugHint")} optionalText={optional} />
      <TextField name="position" label={t("position")} hint={t("positionHint")} optionalText={optional} inputMode="numeric" maxLength={4} className="input--short" />
      <CheckboxField name="openByDefault" label={t("openByDefault")} hint={t("openByDefaultHint")} />
      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </KitForm>
  );
}
