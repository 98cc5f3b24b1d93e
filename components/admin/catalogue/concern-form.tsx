"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import {
  CheckboxField,
  CheckboxGroup,
  fieldId,
  firstOptionId,
  FormErrorSummary,
  isTicked,
  KeyField,
  KitForm,
  SelectField,
  TextAreaField,
  textAt,
  TextField,
  type FormAction,
  type SummaryField,
} from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { DOCUMENT_SCOPES } from "@/lib/domain/enums";
import { concernSchema, DEFAULT_DOCUMENT_SCOPE, MAX_CONDITION_LENGTH, type ConcernInput } from "@/lib/validation/admin-catalogue";
import { useCatalogueForm } from "./use-catalogue-form";

type Option = { value: string; label: string; note?: string };

const FORM_ID = "concern-form";

/**
 * Create or edit a concern: names and explanations in both languages, duration and fee, where it is offered, what to
 * bring (from the shared documents catalogue, with count, how often, an optional "only if …" and order) and which forms
 * belong to it.
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
  const kit = useCatalogueForm(concernSchema, action, defaults, FORM_ID);
  const { form, initial, errorFor } = kit;
  const optional = tCommon("optional");
  const rows = initial.documents ?? [];

  const targets: SummaryField[] = [
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
    { name: "locationIds", id: firstOptionId("locationIds", locations) },
    { name: "documents", id: rows[0] ? fieldId("documents.0.selected") : "documents-hint" },
    ...rows.flatMap((_, index) => [
      `documents.${index}.count`,
      `documents.${index}.scope`,
      `documents.${index}.conditionDe`,
      `documents.${index}.conditionEn`,
      `documents.${index}.position`,
    ]),
    { name: "formIds", id: firstOptionId("formIds", forms) },
  ];

  const documentsError = errorFor("documents");

  return (
    <KitForm kit={kit} id={FORM_ID}>
      <FormErrorSummary fields={targets} />
      {recordId !== undefined && <input type="hidden" name="id" value={recordId} />}

      <h2>{t("sections.names")}</h2>
      <div className="grid">
        <TextField name="nameDe" label={t("fields.nameDe")} hint={t("fields.nameDeHint")} maxLength={120} lang="de" />
        <TextField name="nameEn" label={t("fields.nameEn")} maxLength={120} lang="en" />
      </div>
      <KeyField name="slug" label={t("fields.slug")} hint={t("fields.slugHint")} optionalText={optional} />
      <SelectField
        name="categoryId"
        label={t("fields.category")}
        hint={t("fields.categoryHint")}
        options={categories}
        placeholder={t("fields.categoryChoose")}
      />
      <TextAreaField name="descriptionDe" label={t("fields.descriptionDe")} hint={t("fields.descriptionDeHint")} maxLength={4000} rows={6} lang="de" />
      <TextAreaField name="descriptionEn" label={t("fields.descriptionEn")} maxLength={4000} rows={6} lang="en" />

      <h2>{t("sections.durationFee")}</h2>
      <TextField
        name="durationMinutes"
        label={t("fields.duration")}
        hint={t("fields.durationHint")}
        inputMode="numeric"
        maxLength={3}
        className="input--short"
      />
      <TextField
        name="fee"
        label={t("fields.fee")}
        hint={t("fields.feeHint")}
        optionalText={optional}
        inputMode="decimal"
        maxLength={12}
        className="input--short"
      />
      <div className="grid">
        <TextField name="feeNoteDe" label={t("fields.feeNoteDe")} hint={t("fields.feeNoteDeHint")} optionalText={optional} maxLength={500} lang="de" />
        <TextField name="feeNoteEn" label={t("fields.feeNoteEn")} optionalText={optional} maxLength={500} lang="en" />
      </div>
      <TextField
        name="maxQuantity"
        label={t("fields.maxQuantity")}
        hint={t("fields.maxQuantityHint")}
        inputMode="numeric"
        maxLength={2}
        className="input--short"
      />

      <h2>{t("sections.booking")}</h2>
      <TextField
        name="leikaKey"
        label={t("fields.leikaKey")}
        hint={t("fields.leikaKeyHint")}
        optionalText={optional}
        inputMode="numeric"
        maxLength={20}
        spellCheck={false}
        className="input--medium"
      />
      <TextField
        name="position"
        label={t("fields.position")}
        hint={t("fields.positionHint")}
        optionalText={optional}
        inputMode="numeric"
        maxLength={4}
        className="input--short"
      />
      <CheckboxField name="active" label={t("fields.active")} hint={t("fields.activeHint")} />
      <CheckboxGroup
        name="locationIds"
        legend={t("fields.locations")}
        hint={t("fields.locationsHint")}
        options={locations}
        emptyText={tCommon("none")}
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
                  <th scope="col">{t("fields.scopeColumn")}</th>
                  <th scope="col">{t("fields.conditionColumn")}</th>
                  <th scope="col">{t("fields.positionColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => {
                  const base = `documents.${index}` as const;
                  const name = documentNames[textAt(row, "documentId")] ?? textAt(row, "documentId");
                  const selectedId = fieldId(`${base}.selected`);
                  const countId = fieldId(`${base}.count`);
                  const scopeId = fieldId(`${base}.scope`);
                  const conditionDeId = fieldId(`${base}.conditionDe`);
                  const conditionEnId = fieldId(`${base}.conditionEn`);
                  const scopeError = errorFor(`${base}.scope`);
                  const conditionDeError = errorFor(`${base}.conditionDe`);
                  const conditionEnError = errorFor(`${base}.conditionEn`);
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
                      <td className={scopeError ? "field--error scope-cell" : "scope-cell"}>
                        <label htmlFor={scopeId} className="visually-hidden">
                          {t("fields.scopeFor", { name })}
                        </label>
                        {scopeError && (
                          <span className="error-message" id={`${scopeId}-error`}>
                            {scopeError}
                          </span>
                        )}
                        <select
                          id={scopeId}
                          aria-invalid={scopeError ? true : undefined}
                          aria-describedby={scopeError ? `${scopeId}-error` : undefined}
                          defaultValue={textAt(row, "scope") || DEFAULT_DOCUMENT_SCOPE}
                          {...form.register(`${base}.scope`)}
                        >
                          {DOCUMENT_SCOPES.map((scope) => (
                            <option key={scope} value={scope}>
                              {t(`fields.scopes.${scope}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className={conditionDeError || conditionEnError ? "field--error condition-cell" : "condition-cell"}>
                        {(
                          [
                            ["conditionDe", conditionDeId, conditionDeError, "de", t("fields.conditionDeShort"), t("fields.conditionDeFor", { name })],
                            ["conditionEn", conditionEnId, conditionEnError, "en", t("fields.conditionEnShort"), t("fields.conditionEnFor", { name })],
                          ] as const
                        ).map(([key, id, error, lang, short, full]) => (
                          <div key={key} className="condition-cell__field">
                            <label htmlFor={id}>
                              <span aria-hidden="true">{short}</span>
                              <span className="visually-hidden">{full}</span>
                            </label>
                            {error && (
                              <span className="error-message" id={`${id}-error`}>
                                {error}
                              </span>
                            )}
                            <input
                              id={id}
                              type="text"
                              lang={lang}
                              maxLength={MAX_CONDITION_LENGTH}
                              aria-invalid={error ? true : undefined}
                              aria-describedby={error ? `${id}-error` : undefined}
                              defaultValue={textAt(row, key)}
                              {...form.register(`${base}.${key}`)}
                            />
                          </div>
                        ))}
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
        name="formIds"
        legend={t("fields.forms")}
        hint={t("fields.formsHint")}
        options={forms}
        emptyText={t("fields.noForms")}
      />

      <div className="button-group">
        <SubmitButton pendingLabel={tCommon("saving")}>{submitLabel}</SubmitButton>
        <Link href={cancelHref}>{cancelLabel}</Link>
      </div>
    </KitForm>
  );
}
