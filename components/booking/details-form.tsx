"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { startTransition, useActionState, useRef } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextAreaField, TextField } from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";
import { citizenDetailsSchema, type CitizenDetails, type CitizenDetailsInput } from "@/lib/validation/booking";

type FieldName = "name" | "email" | "phone" | "note";
const FIELDS: FieldName[] = ["name", "email", "phone", "note"];

/**
 * "Ihre Daten": react-hook-form validates in the browser with the same zod schema the server action uses. Without
 * JavaScript the form posts natively and the server's errors are shown the same way.
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
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);

  const echoed = (name: FieldName) => fieldValue(state, name);
  const initial = {
    name: echoed("name") ?? defaults.name ?? "",
    email: echoed("email") ?? defaults.email ?? "",
    phone: echoed("phone") ?? defaults.phone ?? "",
    note: echoed("note") ?? defaults.note ?? "",
  };
  const form = useForm<CitizenDetailsInput, unknown, CitizenDetails>({
    resolver: zodResolver(citizenDetailsSchema),
    defaultValues: initial,
    shouldFocusError: false,
  });
  const clientErrors = form.formState.errors;

  const errorFor = (name: FieldName): string | undefined => {
    const client = clientErrors[name]?.message;
    if (client) return tErrors(client as "required");
    const server = state.status === "error" ? state.fieldErrors[name]?.[0] : undefined;
    return server ? tErrors(server as "required") : undefined;
  };
  const summary = FIELDS.flatMap((name) => {
    const message = errorFor(name);
    return message ? [{ fieldId: name, message }] : [];
  });

  const text = (name: Exclude<FieldName, "note">, type: "text" | "email" | "tel", autoComplete: string, hint?: string) => (
    <TextField id={name} type={type} autoComplete={autoComplete} spellCheck={false} label={t(name)} hint={hint} error={errorFor(name)} defaultValue={initial[name]} registration={form.register(name)} />
  );

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.handleSubmit(() => {
          startTransition(() => formAction(new FormData(formRef.current!)));
        })(event);
      }}
    >
      <ErrorSummary entries={summary} intro={errorText(state)} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      {text("name", "text", "name", t("nameHint"))}
      {text("email", "email", "email", t("emailHint"))}
      {text("phone", "tel", "tel", t("phoneHint"))}
      <TextAreaField id="note" rows={3} label={t("note")} hint={t("noteHint")} error={errorFor("note")} defaultValue={initial.note} registration={form.register("note")} />
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
      <SubmitButton pending={isPending}>{submitLabel}</SubmitButton>
    </form>
  );
}
