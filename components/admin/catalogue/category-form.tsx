"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { categorySchema, type CategoryInput } from "@/lib/validation/admin-catalogue";
import { KeyField, textAt, TextField, useAdminForm, type FormAction } from "./form-kit";

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
  const { formRef, formAction, form, initial, errorFor, summary, intro, onSubmit } = useAdminForm(categorySchema, action, defaults);
  const optional = tCommon("optional");
  return (
    <form id={FORM_ID} ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary(["nameDe", "nameEn", "slug", "position"], FORM_ID)} intro={intro} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}
      <TextField path="nameDe" label={t("nameDe")} hint={t("nameDeHint")} error={errorFor("nameDe")} defaultValue={textAt(initial, "nameDe")} maxLength={80} lang="de" registration={form.register("nameDe")} />
      <TextField path="nameEn" label={t("nameEn")} error={errorFor("nameEn")} defaultValue={textAt(initial, "nameEn")} maxLength={80} lang="en" registration={form.register("nameEn")} />
      <KeyField path="slug" label={t("slug")} hint={t("slugHint")} optionalText={optional} error={errorFor("slug")} defaultValue={textAt(initial, "slug")} registration={form.register("slug")} />
      <TextField
        path="position"
        label={t("position")}
        hint={t("positionHint")}
        optional
        optionalText={optional}
        error={errorFor("position")}
        defaultValue={textAt(initial, "position")}
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
