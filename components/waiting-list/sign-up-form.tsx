"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { ChoiceGroup, TextField } from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { ProofOfWorkField } from "@/components/booking/proof-of-work-field";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import type { Language } from "@/lib/domain/enums";

type FieldName = "name" | "email" | "standorte" | "von" | "bis";

/**
 * React resets a form after its action, the solved proof of work included: each answer gets a fresh widget (a new
 * key), which solves the challenge again. A challenge the server already spent comes with a refreshed page instead.
 */
const widgetKeys = new WeakMap<object, number>();
let lastWidgetKey = 0;
function widgetKey(state: object): number {
  let key = widgetKeys.get(state);
  if (key === undefined) widgetKeys.set(state, (key = ++lastWidgetKey));
  return key;
}
const FIELDS: FieldName[] = ["name", "email", "standorte", "von", "bis"];

/**
 * The waiting-list sign-up. Checked by the server action only (like the details step), so it works the same with and
 * without JavaScript; the proof of work is solved in the background where JavaScript runs.
 */
export function SignUpForm({
  action,
  hidden,
  locations,
  defaults,
  challenge,
  language,
  maxDays,
  dateExample,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  locations: { slug: string; name: string; checked: boolean }[];
  defaults: { from: string; to: string; min: string; max: string };
  challenge: string;
  language: Language;
  maxDays: number;
  dateExample: string;
}) {
  const t = useTranslations("waitingList.signUp");
  const tErrors = useTranslations("waitingList.signUp.errors");
  const tFields = useTranslations("errors.fields");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);

  const echoed = state.status === "error" ? state.values : null;
  const echo = (name: string, fallback: string) => {
    const value = echoed?.[name];
    return (Array.isArray(value) ? value[0] : value) ?? fallback;
  };
  const chosenLocations = echoed ? [echoed.standorte ?? []].flat() : locations.filter((l) => l.checked).map((l) => l.slug);

  const errorFor = (name: FieldName): string | undefined => {
    const key = state.status === "error" ? state.fieldErrors[name]?.[0] : undefined;
    if (!key) return undefined;
    if (name === "name" || name === "email") {
      return key === "limit" ? tErrors("limit") : tFields(key as "required");
    }
    if (key === "notOffered") return tErrors("notOffered");
    if (name === "bis") return tErrors("to", { days: maxDays });
    return tErrors(name === "standorte" ? "locations" : "from");
  };
  const summary = FIELDS.flatMap((name) => {
    const message = errorFor(name);
    const fieldId = name === "standorte" ? `standort-${locations[0]?.slug ?? ""}` : name;
    return message ? [{ fieldId, message }] : [];
  });

  return (
    <form action={formAction} noValidate>
      <ErrorSummary entries={summary} intro={errorText(state)} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <TextField id="name" autoComplete="name" spellCheck={false} label={t("name")} error={errorFor("name")} defaultValue={echo("name", "")} />
      <TextField id="email" type="email" autoComplete="email" spellCheck={false} label={t("email")} hint={t("emailHint")} error={errorFor("email")} defaultValue={echo("email", "")} />
      <ChoiceGroup id="standorte" legend={t("locations")} error={errorFor("standorte")}>
        {locations.map((location) => (
          <div className="checkbox" key={location.slug}>
            <input type="checkbox" id={`standort-${location.slug}`} name="standorte" value={location.slug} defaultChecked={chosenLocations.includes(location.slug)} />
            <label htmlFor={`standort-${location.slug}`}>{location.name}</label>
          </div>
        ))}
      </ChoiceGroup>
      <TextField id="von" type="date" label={t("from")} hint={t("dateHint", { example: dateExample })} min={defaults.min} max={defaults.max} error={errorFor("von")} defaultValue={echo("von", defaults.from)} />
      <TextField id="bis" type="date" label={t("to")} hint={t("dateHint", { example: dateExample })} min={defaults.min} max={defaults.max} error={errorFor("bis")} defaultValue={echo("bis", defaults.to)} />
      <ProofOfWorkField key={`${challenge.length}-${widgetKey(state)}`} challenge={challenge} language={language} />
      <SubmitButton>{t("submit")}</SubmitButton>
    </form>
  );
}
