"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextAreaField, TextField } from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";
import type { CitizenDetailsInput } from "@/lib/validation/booking";

type FieldName = "name" | "email" | "phone" | "note";
const FIELDS: FieldName[] = ["name", "email", "phone", "note"];

/**
 * "Ihre Daten": the server action checks the entries (with the zod schema in lib/validation/booking.ts) and its errors
 * are shown beside the fields and in the summary, with or without JavaScript. No checking in the browser: it would
 * bring react-hook-form and zod to the citizen's phone (about 44 KB of gzip'd JavaScript) to save one round trip.
 */
export function DetailsForm({
  action,
  hidden,
  defaults,
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  defaults: Partial<CitizenDetailsInput>;
  submitLabel: string;
}) {
  const t = useTranslations("booking.details");
  const tErrors = useTranslations("errors.fields");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);

  const echoed = (name: FieldName) => fieldValue(state, name);
  const initial = {
    name: echoed("name") ?? defaults.name ?? "",
    email: echoed("email") ?? defaults.email ?? "",
    phone: echoed("phone") ?? defaults.phone ?? "",
    note: echoed("note") ?? defaults.note ?? "",
  };
  const errorFor = (name: FieldName): string | undefined => {
    const server = state.status === "error" ? state.fieldErrors[name]?.[0] : undefined;
    return server ? tErrors(server as "required") : undefined;
  };
  const summary = FIELDS.flatMap((name) => {
    const message = errorFor(name);
    return message ? [{ fieldId: name, message }] : [];
  });

  const text = (name: Exclude<FieldName, "note">, type: "text" | "email" | "tel", autoComplete: string, hint?: string) => (
    <TextField id={name} type={type} autoComplete={autoComplete} spellCheck={false} label={t(name)} hint={hint} error={errorFor(name)} defaultValue={initial[name]} />
  );

  return (
    <form action={formAction} noValidate>
      <ErrorSummary entries={summary} intro={errorText(state)} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      {text("name", "text", "name", t("nameHint"))}
      {text("email", "email", "email", t("emailHint"))}
      {text("phone", "tel", "tel", t("phoneHint"))}
      <TextAreaField id="note" rows={3} label={t("note")} hint={t("noteHint")} error={errorFor("note")} defaultValue={initial.note} />
      <p className="reading">
        {t.rich("privacy", {
          link: (chunks) => (
            <Link href="/datenschutz" target="_blank" rel="noopener">
              {chunks}
              <span className="visually-hidden"> {t("newTab")}</span>
            </Link>
          ),
        })}
      </p>
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
