"use client";

import { useTranslations } from "next-intl";
import { FormErrorSummary, KitForm, SelectField, TextField, useKitForm, useResettingAction, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/action-state";
import type { Language } from "@/lib/domain/enums";
import { formatDateTime } from "@/lib/i18n/format";
import { closureSchema } from "@/lib/validation/capacity";

/** An appointment the closure would hit, with its location's time zone (in which it is shown). */
type Affected = { id: number; startsAt: string; timeZone: string; referenceCode: string; name: string };
type Field = "locationId" | "startDate" | "endDate" | "startMinute" | "endMinute" | "reason";
const FIELDS: Field[] = ["locationId", "startDate", "endDate", "startMinute", "endMinute", "reason"];

const isSaved = (state: ActionState) => state.status === "success" && state.data?.saved === true;

/**
 * A new closure in two steps: the first post shows the appointments it would hit, the second (confirm=1) saves it.
 * The browser checks both posts with the server's schema. After saving, the fields start empty for the next closure.
 */
export function ClosureForm({ action, locations, language }: { action: FormAction; locations: { id: number; name: string }[]; language: Language }) {
  const { state, formAction, pending, generation } = useResettingAction(action, isSaved);
  return <ClosureFields key={generation} state={state} formAction={formAction} pending={pending} locations={locations} language={language} />;
}

function ClosureFields({
  state,
  formAction,
  pending,
  locations,
  language,
}: {
  state: ActionState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  locations: { id: number; name: string }[];
  language: Language;
}) {
  const t = useTranslations("staff.closures");
  const data = state.status === "success" ? state.data : undefined;
  const preview = data?.preview === true ? (data.affected as Affected[]) : null;
  const saved = data?.saved === true ? (data.cancelled as number) : null;
  // Keep what was typed while previewing; start empty after saving.
  const values = state.status === "error" ? state.values : preview && state.status === "success" ? (state.values ?? {}) : {};
  const value = (name: Field): string => {
    const v = values[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const initial = {
    locationId: value("locationId") || "alle",
    startDate: value("startDate"),
    endDate: value("endDate"),
    startMinute: value("startMinute"),
    endMinute: value("endMinute"),
    reason: value("reason"),
  };
  const kit = useKitForm(closureSchema, { state, formAction, defaultValues: initial, idPrefix: "closure" });

  const labels: Record<Field, string> = { locationId: t("location"), startDate: t("startDate"), endDate: t("endDate"), startMinute: t("startTime"), endMinute: t("endTime"), reason: t("reason") };
  const field = (name: Exclude<Field, "locationId">, type: "date" | "time", required: boolean) => (
    <TextField key={name} name={name} type={type} required={required} className="input--medium" label={labels[name]} />
  );

  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={FIELDS.map((name) => ({ name, label: labels[name] }))} />
      {saved !== null && !kit.isSubmittedAgain && (
        <p className="notice notice--success" role="status">
          {t("saved", { count: saved })}
        </p>
      )}
      <SelectField
        name="locationId"
        label={labels.locationId}
        options={[{ value: "alle", label: t("all") }, ...locations.map((l) => ({ value: String(l.id), label: l.name }))]}
      />
      {field("startDate", "date", true)}
      {field("endDate", "date", true)}
      <p className="hint">{t("timeHint")}</p>
      {field("startMinute", "time", false)}
      {field("endMinute", "time", false)}
      <TextField name="reason" maxLength={200} required label={labels.reason} hint={t("reasonHint")} />
      {preview ? (
        <div className="notice notice--warning" role="status">
          <p>{t("affected", { count: preview.length })}</p>
          {preview.length > 0 && (
            <>
              <ul>
                {preview.map((b) => (
                  <li key={b.id}>
                    {formatDateTime(new Date(b.startsAt), language, b.timeZone)} · {b.referenceCode} · {b.name}
                  </li>
                ))}
              </ul>
              <div className="checkbox">
                <input type="checkbox" id="closure-cancelAffected" name="cancelAffected" value="ja" defaultChecked />
                <label htmlFor="closure-cancelAffected">{t("cancelAffected")}</label>
              </div>
            </>
          )}
          <input type="hidden" name="confirm" value="1" />
          <SubmitButton pending={pending}>{t("save")}</SubmitButton>
        </div>
      ) : (
        <SubmitButton pending={pending} className="button button--secondary">
          {t("check")}
        </SubmitButton>
      )}
    </KitForm>
  );
}
