"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { concernSchema, type ConcernInput } from "@/lib/validation/admin-catalogue";
import { CheckboxField, CheckboxGroup, fieldId, firstOptionId, isTicked, KeyField, listAt, SelectField, TextAreaField, textAt, TextField, useAdminForm, type FormAction, type SummaryTarget } from "./form-kit";

type Option = { value: string; label: string; note?: string };

const FORM_ID = "concern-form";

/**
 * Create or edit a concern: names and explanations in both languages, duration and fee, where it is offered, what to
 * bring (from the shared documents catalogue, with count, "per item" and order) and which forms belong to it.
 */
export function ConcernForm({
  action,
  defaults,
  recordId,
  categories,
  locations,
  documentNames,
  forms,
  submitLabel,
  cancelHref,
  cancelLabel,
}: {
  action: FormAction;
  defaults: ConcernInput;
  recordId?: number;
  categories: Option[];
  locations: Option[];
  /** Document id → name in the admin's language, for the rows of the documents table. */
  documentNames: Record<string, string>;
  forms: Option[];
  submitLabel: string;
  cancelHref: string;
  cancelLabel: string;
}) {
  const t = useTranslations("adminCatalogue.concerns");
  const tCommon = useTranslations("adminCatalogue.common");
  const { formRef, formAction, form, initial, errorFor, summary, intro, onSubmit } = useAdminForm(concernSchema, action, defaults);
  const optional = tCommon("optional");
  const rows = initial.documents ?? [];

  const targets: SummaryTarget[] = [
    "nameDe",
    "nameEn",
    "slug",
    "categoryId",
    "descriptionDe",
    "descriptionEn",
    "durationMinutes",
    "fee",
    "feeNoteDe",
    "feeNoteEn",
    "maxQuantity",
    "leikaKey",
    "position",
    "active",
    { path: "locationIds", id: firstOptionId("locationIds", locations) },
    { path: "documents", id: rows[0] ? fieldId("documents.0.selected") : "documents-hint" },
    ...rows.flatMap((_, index) => [`documents.${index}.count`, `documents.${index}.position`]),
    { path: "formIds", id: firstOptionId("formIds", forms) },
  ];

  const text = (path: keyof ConcernInput & string) => textAt(initial, path);
  const documentsError = errorFor("documents");

  return (
    <form id={FORM_ID} ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary(targets, FORM_ID)} intro={intro} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}

      <h2>{t("sections.names")}</h2>
      <div className="grid">
        <TextField path="nameDe" label={t("fields.nameDe")} hint={t("fields.nameDeHint")} error={errorFor("nameDe")} defaultValue={text("nameDe")} maxLength={120} lang="de" registration={form.register("nameDe")} />
        <TextField path="nameEn" label={t("fields.nameEn")} error={errorFor("nameEn")} defaultValue={text("nameEn")} maxLength={120} lang="en" registration={form.register("nameEn")} />
      </div>
      <KeyField path="slug" label={t("fields.slug")} hint={t("fields.slugHint")} optionalText={optional} error={errorFor("slug")} defaultValue={text("slug")} registration={form.register("slug")} />
      <SelectField
        path="categoryId"
        label={t("fields.category")}
        hint={t("fields.categoryHint")}
        error={errorFor("categoryId")}
        defaultValue={text("categoryId")}
        options={categories}
        placeholder={t("fields.categoryChoose")}
        registration={form.register("categoryId")}
      />
      <TextAreaField path="descriptionDe" label={t("fields.descriptionDe")} hint={t("fields.descriptionDeHint")} error={errorFor("descriptionDe")} defaultValue={text("descriptionDe")} maxLength={4000} rows={6} lang="de" registration={form.register("descriptionDe")} />
      <TextAreaField path="descriptionEn" label={t("fields.descriptionEn")} error={errorFor("descriptionEn")} defaultValue={text("descriptionEn")} maxLength={4000} rows={6} lang="en" registration={form.register("descriptionEn")} />

      <h2>{t("sections.durationFee")}</h2>
      <TextField
        path="durationMinutes"
        label={t("fields.duration")}
        hint={t("fields.durationHint")}
        error={errorFor("durationMinutes")}
        defaultValue={text("durationMinutes")}
        inputMode="numeric"
        maxLength={3}
        className="input--short"
        registration={form.register("durationMinutes")}
      />
      <TextField
        path="fee"
        label={t("fields.fee")}
        hint={t("fields.feeHint")}
        optional
        optionalText={optional}
        error={errorFor("fee")}
        defaultValue={text("fee")}
        inputMode="decimal"
        maxLength={12}
        className="input--short"
        registration={form.register("fee")}
      />
      <div className="grid">
        <TextField path="feeNoteDe" label={t("fields.feeNoteDe")} hint={t("fields.feeNoteDeHint")} optional optionalText={optional} error={errorFor("feeNoteDe")} defaultValue={text("feeNoteDe")} maxLength={500} lang="de" registration={form.register("feeNoteDe")} />
        <TextField path="feeNoteEn" label={t("fields.feeNoteEn")} optional optionalText={optional} error={errorFor("feeNoteEn")} defaultValue={text("feeNoteEn")} maxLength={500} lang="en" registration={form.register("feeNoteEn")} />
      </div>
      <TextField
        path="maxQuantity"
        label={t("fields.maxQuantity")}
        hint={t("fields.maxQuantityHint")}
        error={errorFor("maxQuantity")}
        defaultValue={text("maxQuantity")}
        inputMode="numeric"
        maxLength={2}
        className="input--short"
        registration={form.register("maxQuantity")}
      />

      <h2>{t("sections.booking")}</h2>
      <TextField
        path="leikaKey"
        label={t("fields.leikaKey")}
        hint={t("fields.leikaKeyHint")}
        optional
        optionalText={optional}
        error={errorFor("leikaKey")}
        defaultValue={text("leikaKey")}
        inputMode="numeric"
        maxLength={20}
        spellCheck={false}
        className="input--medium"
        registration={form.register("leikaKey")}
      />
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
      <CheckboxField path="active" label={t("fields.active")} hint={t("fields.activeHint")} error={errorFor("active")} defaultChecked={isTicked(initial.active)} registration={form.register("active")} />
      <CheckboxGroup
        path="locationIds"
        legend={t("fields.locations")}
        hint={t("fields.locationsHint")}
        error={errorFor("locationIds")}
        options={locations}
        checked={listAt(initial, "locationIds")}
        emptyText={tCommon("none")}
        registration={form.register("locationIds")}
      />

      <fieldset className={documentsError ? "field field--error" : "field"} aria-describedby={documentsError ? "documents-hint documents-error" : "documents-hint"}>
        <legend>{t("fields.documents")}</legend>
        <span className="hint" id="documents-hint">
          {t("fields.documentsHint")}
        </span>
        {documentsError && (
          <span className="error-message" id="documents-error">
            {documentsError}
          </span>
        )}
        {rows.length === 0 ? (
          <p className="muted">{t("fields.noDocuments")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("fields.documentsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.documentColumn")}</th>
                  <th scope="col">{t("fields.countColumn")}</th>
                  <th scope="col">{t("fields.perItemColumn")}</th>
                  <th scope="col">{t("fields.positionColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => {
                  const base = `documents.${index}` as const;
                  const name = documentNames[textAt(row, "documentId")] ?? textAt(row, "documentId");
                  const selectedId = fieldId(`${base}.selected`);
                  const countId = fieldId(`${base}.count`);
                  const perItemId = fieldId(`${base}.perItem`);
                  const positionId = fieldId(`${base}.position`);
                  const countError = errorFor(`${base}.count`);
                  const positionError = errorFor(`${base}.position`);
                  return (
                    <tr key={textAt(row, "documentId") || index}>
                      <td>
                        <input type="hidden" defaultValue={textAt(row, "documentId")} {...form.register(`${base}.documentId`)} />
                        <div className="checkbox" style={{ marginBottom: 0 }}>
                          <input id={selectedId} type="checkbox" value="ja" defaultChecked={isTicked(row.selected)} {...form.register(`${base}.selected`)} />
                          <label htmlFor={selectedId}>{name}</label>
                        </div>
                      </td>
                      <td className={countError ? "field--error" : undefined}>
                        <label htmlFor={countId} className="visually-hidden">
                          {t("fields.countFor", { name })}
                        </label>
                        {countError && (
                          <span className="error-message" id={`${countId}-error`}>
                            {countError}
                          </span>
                        )}
                        <input
                          id={countId}
                          type="text"
                          inputMode="numeric"
                          maxLength={2}
                          className="input--short"
                          aria-invalid={countError ? true : undefined}
                          aria-describedby={countError ? `${countId}-error` : undefined}
                          defaultValue={textAt(row, "count")}
                          {...form.register(`${base}.count`)}
                        />
                      </td>
                      <td>
                        <div className="checkbox" style={{ marginBottom: 0 }}>
                          <input id={perItemId} type="checkbox" value="ja" defaultChecked={isTicked(row.perItem)} {...form.register(`${base}.perItem`)} />
                          <label htmlFor={perItemId}>
                            <span className="visually-hidden">{t("fields.perItemFor", { name })}</span>
                          </label>
                        </div>
                      </td>
                      <td className={positionError ? "field--error" : undefined}>
                        <label htmlFor={positionId} className="visually-hidden">
                          {t("fields.positionFor", { name })}
                        </label>
                        {positionError && (
                          <span className="error-message" id={`${positionId}-error`}>
                            {positionError}
                          </span>
                        )}
                        <input
                          id={positionId}
                          type="text"
                          inputMode="numeric"
                          maxLength={4}
                          className="input--short"
                          aria-invalid={positionError ? true : undefined}
                          aria-describedby={positionError ? `${positionId}-error` : undefined}
                          defaultValue={textAt(row, "position")}
                          {...form.register(`${base}.position`)}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </fieldset>

      <CheckboxGroup
        path="formIds"
        legend={t("fields.forms")}
        hint={t("fields.formsHint")}
        error={errorFor("formIds")}
        options={forms}
        checked={listAt(initial, "formIds")}
        emptyText={t("fields.noForms")}
        registration={form.register("formIds")}
      />

      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </form>
  );
}
