"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { FormErrorSummary, KeyField, KitForm, TextField, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { formSchema, type FormInput } from "@/lib/validation/admin-catalogue";
import { useCatalogueForm } from "./use-catalogue-form";

const FORM_ID = "download-form";

/** Create or edit a downloadable form (title in both languages, link under /forms/ or https). */
export function DownloadForm({
  action,
  defaults,
  recordId,
  submitLabel,
  cancelHref,
  cancelLabel,
}: {
  action: FormAction;
  defaults: FormInput;
  recordId?: number;
  submitLabel: string;
  cancelHref: string;
  cancelLabel: string;
}) {
  const t = useTranslations("adminCatalogue.forms.fields");
  const tCommon = useTranslations("adminCatalogue.common");
  const kit = useCatalogueForm(formSchema, action, defaults, FORM_ID);
  const optional = tCommon("optional");
  return (
    <KitForm kit={kit} id={FORM_ID}>
      <FormErrorSummary fields={["titleDe", "titleEn", "key", "href"]} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}
      <TextField name="titleDe" label={t("titleDe")} hint={t("titleDeHint")} maxLength={200} lang="de" />
      <TextField name="titleEn" label={t("titleEn")} maxLength={200} lang="en" />
      <KeyField name="key" label={t("key")} hint={t("keyHint")} optionalText={optional} />
      <TextField name="href" label={t("href")} hint={t("hrefHint")} maxLength={500} spellCheck={false} inputMode="url" />
      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </KitForm>
  );
}
