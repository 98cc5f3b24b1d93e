"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useRef, useState } from "react";
import { get, useForm, type DefaultValues, type FieldValues, type Resolver, type UseFormRegisterReturn } from "react-hook-form";
import type { SummaryEntry } from "@/components/ui/error-summary";
import { describedBy, FieldFrame } from "@/components/ui/fields";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

/**
 * The building blocks of the staff forms: react-hook-form checks each form in the browser with the same zod schema
 * the server action parses; without JavaScript the form posts natively and the server's answer shows the same
 * messages. Messages are keys of `errors.fields`.
 */

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** An error key as text; a key the catalogue does not know (a zod default message) reads as "invalid". */
export function useFieldErrorText() {
  const t = useTranslations("errors.fields");
  return (code: string): string => (t.has(code) ? t(code) : t("invalid"));
}

/** A field in the error summary: its name in the form values, the element the link points to, and an optional label. */
export type SummaryField = { name: string; id: string; label?: string };

/**
 * Wires react-hook-form to a server action's state: client errors first, then the server's, per field and for the
 * summary. The post itself is the form's own FormData (hidden inputs included), sent only when the client check passes.
 */
export function useStaffForm<TInput extends FieldValues, TOutput>({
  resolver,
  defaultValues,
  state,
  formAction,
}: {
  resolver: Resolver<TInput, unknown, TOutput>;
  defaultValues: DefaultValues<TInput>;
  state: ActionState;
  formAction: (formData: FormData) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<TInput, unknown, TOutput>({ resolver, defaultValues, shouldFocusError: false });
  // Read while rendering, so react-hook-form re-renders this form when the errors change.
  const clientErrors = form.formState.errors;
  const errorText = useFieldErrorText();
  const serverErrors = state.status === "error" ? state.fieldErrors : {};

  const errorFor = (name: string): string | undefined => {
    const client = (get(clientErrors, name) as { message?: unknown } | undefined)?.message;
    if (typeof client === "string" && client) return errorText(client);
    const server = serverErrors[name]?.[0];
    return server ? errorText(server) : undefined;
  };

  /**
   * The summary in form order, "Label: message" where a label is given. Server messages for fields the form does not
   * list (a hidden input) link to the first field.
   */
  const summary = (fields: SummaryField[]): SummaryEntry[] => {
    const text = (label: string | undefined, message: string) => (label ? `${label}: ${message}` : message);
    const listed = new Set(fields.map((field) => field.name));
    const entries = fields.flatMap((field) => {
      const message = errorFor(field.name);
      return message ? [{ fieldId: field.id, message: text(field.label, message) }] : [];
    });
    const unlisted = Object.entries(serverErrors)
      .filter(([name, codes]) => !listed.has(name) && codes.length > 0)
      .map(([name, codes]) => ({ fieldId: fields[0]?.id ?? "main", message: text(name, errorText(codes[0]!)) }));
    return [...entries, ...unlisted];
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void form.handleSubmit(() => {
      startTransition(() => formAction(new FormData(formRef.current!)));
    })(event);
  };

  // A notice about the last saved entry is stale once the form is submitted again (even if the browser stops it).
  const isSubmittedAgain = form.formState.submitCount > 0;

  return { form, formRef, onSubmit, errorFor, summary, isSubmittedAgain };
}

/**
 * A server action for a form that starts empty again after each saved entry: key the fields with `generation`. It is
 * counted while rendering (React's "state from the previous render" pattern), so the notice and the empty fields
 * appear in the same render.
 */
export function useResettingAction(action: FormAction, isSaved: (state: ActionState) => boolean = (state) => state.status === "success") {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [seen, setSeen] = useState(state);
  const [generation, setGeneration] = useState(0);
  if (state !== seen) {
    setSeen(state);
    if (isSaved(state)) setGeneration(generation + 1);
  }
  return { state, formAction, pending, generation };
}

type InputProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "tel" | "date" | "time" | "number";
  className?: string;
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  autoComplete?: string;
  spellCheck?: boolean;
};

/** A labelled input of any type (date, time, number …) with hint and error, wired for screen readers. */
export function InputField({ id, label, hint, error, registration, defaultValue, type = "text", ...attributes }: InputProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input id={id} type={type} {...attributes} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} defaultValue={defaultValue} {...registration} />
    </FieldFrame>
  );
}

export { SelectField } from "@/components/ui/fields";
