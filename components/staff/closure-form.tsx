"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import type { Language } from "@/lib/domain/enums";
import { formatDateTime } from "@/lib/i18n/format";

type Affected = { id: number; startsAt: string; referenceCode: string; name: string };

export function ClosureForm({
  action,
  locations,
  language,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  locations: { id: number; name: string }[];
  language: Language;
}) {
  const t = useTranslations("staff.closures");
  const tErrors = useTranslations("errors.fields");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const data = state.status === "success" ? state.data : undefined;
  const preview = data?.preview === true ? (data.affected as Affected[]) : null;
  const saved = data?.saved === true ? (data.cancelled as number) : null;
  // Keep what was typed while previewing; start empty after saving.
  const values = state.status === "error" ? state.values : preview ? (state.status === "success" ? (state.values ?? {}) : {}) : {};
  const value = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const labels: Record<string, string> = { locationId: t("location"), startDate: t("startDate"), endDate: t("endDate"), startMinute: t("startTime"), endMinute: t("endTime"), reason: t("reason") };
  const entries =
    state.status === "error"
      ? Object.entries(state.fieldErrors).flatMap(([field, codes]) => codes.map((code) => ({ fieldId: `closure-${field}`, message: `${labels[field] ?? field}: ${tErrors.has(code as "required") ? tErrors(code as "required") : tErrors("invalid")}` })))
      : [];
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- empty fields for the next closure after saving one
    if (saved !== null) setGeneration((g) => g + 1);
  }, [saved, state]);

  return (
    <form action={formAction} noValidate key={generation}>
      <ErrorSummary entries={entries} intro={errorText(state)} />
      {saved !== null && (
        <p className="notice notice--success" role="status">
          {t("saved", { count: saved })}
        </p>
      )}
      <div className="field">
        <label htmlFor="closure-locationId">{t("location")}</label>
        <select id="closure-locationId" name="locationId" defaultValue={value("locationId") ?? "alle"}>
          <option value="alle">{t("all")}</option>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      {(["startDate", "endDate"] as const).map((name) => (
        <div className="field" key={name}>
          <label htmlFor={`closure-${name}`}>{labels[name]}</label>
          <input id={`closure-${name}`} name={name} type="date" required defaultValue={value(name)} className="input--medium" />
        </div>
      ))}
      <p className="hint">{t("timeHint")}</p>
      {(["startMinute", "endMinute"] as const).map((name) => (
        <div className="field" key={name}>
          <label htmlFor={`closure-${name}`}>{labels[name]}</label>
          <input id={`closure-${name}`} name={name} type="time" defaultValue={value(name)} className="input--medium" />
        </div>
      ))}
      <div className="field">
        <label htmlFor="closure-reason">{t("reason")}</label>
        <span className="hint" id="closure-reason-hint">
          {t("reasonHint")}
        </span>
        <input id="closure-reason" name="reason" type="text" maxLength={200} required defaultValue={value("reason")} aria-describedby="closure-reason-hint" />
      </div>
      {preview ? (
        <div className="notice notice--warning" role="status">
          <p>{t("affected", { count: preview.length })}</p>
          {preview.length > 0 && (
            <>
              <ul>
                {preview.map((b) => (
                  <li key={b.id}>
                    {formatDateTime(new Date(b.startsAt), language, "Europe/Berlin")} · {b.referenceCode} · {b.name}
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
          <SubmitButton>{t("save")}</SubmitButton>
        </div>
      ) : (
        <SubmitButton className="button button--secondary">{t("check")}</SubmitButton>
      )}
    </form>
  );
}
