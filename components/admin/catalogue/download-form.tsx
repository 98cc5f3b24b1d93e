"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { formSchema, type FormInput } from "@/lib/validation/admin-catalogue";
import { KeyField, textAt, TextField, useAdminForm, type FormAction } from "./form-kit";

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
  const { formRef, formAction, form, initial, errorFor, summary, intro, onSubmit } = useAdminForm(formSchema, action, defaults);
  const optional = tCommon("optional");
  return (
    <form id={FORM_ID} ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary(["titleDe", "titleEn", "key", "href"], FORM_ID)} intro={intro} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}
      <TextField path="titleDe" label={t("titleDe")} hint={t("titleDeHint")} error={errorFor("titleDe")} defaultValue={textAt(initial, "titleDe")} maxLength={200} lang="de" registration={form.register("titleDe")} />
      <TextField path="titleEn" label={t("titleEn")} error={errorFor("titleEn")} defaultValue={textAt(initial, "titleEn")} maxLength={200} lang="en" registration={form.register("titleEn")} />
      <KeyField path="key" label={t("key")} hint={t("keyHint")} optionalText={optional} error={errorFor("key")} defaultValue={textAt(initial, "key")} registration={form.register("key")} />
      <TextField
        path="href"
        label={t("href")}
        hint={t("hrefHint")}
        error={errorFor("href")}
        defaultValue={textAt(initial, "href")}
        maxLength={500}
        spellCheck={false}
        inputMode="url"
        registration={form.register("href")}
      />
      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </form>
  );
}
