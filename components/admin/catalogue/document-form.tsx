"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { CheckboxGroup, FormErrorSummary, firstOptionId, KeyField, KitForm, TextAreaField, TextField, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { documentSchema, type DocumentInput } from "@/lib/validation/admin-catalogue";
import { useCatalogueForm } from "./use-catalogue-form";

const FORM_ID = "document-form";

/** Create or edit a document of the shared "what to bring" catalogue. */
export function DocumentForm({
  action,
  defaults,
  recordId,
  alternatives,
  submitLabel,
  cancelHref,
  cancelLabel,
}: {
  action: FormAction;
  defaults: DocumentInput;
  recordId?: number;
  /** The other documents of the catalogue (id → name in the admin's language), as possible alternatives. */
  alternatives: { value: string; label: string }[];
  submitLabel: string;
  cancelHref: string;
  cancelLabel: string;
}) {
  const t = useTranslations("adminCatalogue.documents.fields");
  const tCommon = useTranslations("adminCatalogue.common");
  const kit = useCatalogueForm(documentSchema, action, defaults, FORM_ID);
  const optional = tCommon("optional");
  return (
    <KitForm kit={kit} id={FORM_ID}>
      <FormErrorSummary fields={["nameDe", "nameEn", "key", "hintDe", "hintEn", { name: "alternativeIds", id: firstOptionId("alternativeIds", alternatives) }]} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}
      <TextField name="nameDe" label={t("nameDe")} hint={t("nameDeHint")} maxLength={200} lang="de" />
      <TextField name="nameEn" label={t("nameEn")} maxLength={200} lang="en" />
      <KeyField name="key" label={t("key")} hint={t("keyHint")} optionalText={optional} />
      <TextAreaField name="hintDe" label={t("hintDe")} hint={t("hintDeHint")} optionalText={optional} maxLength={1000} rows={3} lang="de" />
      <TextAreaField name="hintEn" label={t("hintEn")} optionalText={optional} maxLength={1000} rows={3} lang="en" />
      <CheckboxGroup name="alternativeIds" legend={t("alternatives")} hint={t("alternativesHint")} options={alternatives} emptyText={tCommon("none")} />
      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </KitForm>
  );
}
