"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { documentSchema, type DocumentInput } from "@/lib/validation/admin-catalogue";
import { KeyField, TextAreaField, textAt, TextField, useAdminForm, type FormAction } from "./form-kit";

const FORM_ID = "document-form";

/** Create or edit a document of the shared "what to bring" catalogue. */
export function DocumentForm({
  action,
  defaults,
  recordId,
  submitLabel,
  cancelHref,
  cancelLabel,
}: {
  action: FormAction;
  defaults: DocumentInput;
  recordId?: number;
  submitLabel: string;
  cancelHref: string;
  cancelLabel: string;
}) {
  const t = useTranslations("adminCatalogue.documents.fields");
  const tCommon = useTranslations("adminCatalogue.common");
  const { formRef, formAction, form, initial, errorFor, summary, intro, onSubmit } = useAdminForm(documentSchema, action, defaults);
  const optional = tCommon("optional");
  return (
    <form id={FORM_ID} ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary(["nameDe", "nameEn", "key", "hintDe", "hintEn"], FORM_ID)} intro={intro} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}
      <TextField path="nameDe" label={t("nameDe")} hint={t("nameDeHint")} error={errorFor("nameDe")} defaultValue={textAt(initial, "nameDe")} maxLength={200} lang="de" registration={form.register("nameDe")} />
      <TextField path="nameEn" label={t("nameEn")} error={errorFor("nameEn")} defaultValue={textAt(initial, "nameEn")} maxLength={200} lang="en" registration={form.register("nameEn")} />
      <KeyField path="key" label={t("key")} hint={t("keyHint")} optionalText={optional} error={errorFor("key")} defaultValue={textAt(initial, "key")} registration={form.register("key")} />
      <TextAreaField path="hintDe" label={t("hintDe")} hint={t("hintDeHint")} optional optionalText={optional} error={errorFor("hintDe")} defaultValue={textAt(initial, "hintDe")} maxLength={1000} rows={3} lang="de" registration={form.register("hintDe")} />
      <TextAreaField path="hintEn" label={t("hintEn")} optional optionalText={optional} error={errorFor("hintEn")} defaultValue={textAt(initial, "hintEn")} maxLength={1000} rows={3} lang="en" registration={form.register("hintEn")} />
      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </form>
  );
}
