"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useRef } from "react";
import { get, useForm, type DefaultValues, type FieldValues, type Resolver, type UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import type { SummaryEntry } from "@/components/ui/error-summary";
import { ChoiceGroup, describedBy, SelectField as SharedSelectField, TextAreaField as SharedTextAreaField, TextField as SharedTextField } from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { TICKED, unflattenFormData } from "@/lib/validation/admin-catalogue";

/**
 * The building blocks of the administration forms: one hook that wires react-hook-form (checking in the browser with
 * the same zod schema the server action and the service use) to a server action, and labelled fields with hint,
 * error message, aria-invalid and aria-describedby. Without JavaScript every form posts natively; the server's answer
 * re-renders it with what was sent and the same messages.
 */

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** "documents.3.count" → "documents-3-count": a usable element id for a field path. */
export const fieldId = (path: string) => path.replaceAll(".", "-");

export const isTicked = (value: unknown) => value === TICKED || value === true;

/** An error code as text: the admin catalogue's own messages first, then the shared field messages. */
export function useErrorText() {
  const tAdmin = useTranslations("adminCatalogue.errors");
  const tFields = useTranslations("errors.fields");
  return (code: string): string => {
    if (tAdmin.has(code)) return tAdmin(code);
    if (tFields.has(code)) return tFields(code);
    return tFields("invalid");
  };
}

/** A field path and, where it is not an input of its own (a group of checkboxes), the element the summary links to. */
export type SummaryTarget = string | { path: string; id: string };

export function useAdminForm<S extends z.ZodType<unknown, FieldValues>>(schema: S, action: FormAction, defaults: z.input<S>) {
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const errorText = useErrorText();
  const actionErrorText = useActionErrorText();

  // After a failed post the form shows exactly what was sent: an unticked box is absent from the post, so it must not
  // fall back to the stored value.
  const initial = (state.status === "error" ? unflattenFormData(state.values) : defaults) as z.input<S>;

  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: initial as DefaultValues<z.input<S>>,
    shouldFocusError: false,
  });

  // A taken slug or key comes back as a conflict naming its field: shown there, like any other field problem.
  const conflictField = state.status === "error" && state.code === "conflict" && typeof state.details.field === "string" ? state.details.field : null;
  const serverErrors: Record<string, string[]> =
    state.status !== "error"
      ? {}
      : conflictField
        ? { ...state.fieldErrors, [conflictField]: [typeof state.details.reason === "string" ? state.details.reason : "invalid"] }
        : state.fieldErrors;

  const errorFor = (path: string): string | undefined => {
    const client = (get(form.formState.errors, path) as { message?: string } | undefined)?.message;
    if (typeof client === "string" && client) return errorText(client);
    const server = serverErrors[path]?.[0];
    return server ? errorText(server) : undefined;
  };

  /** The summary in form order; server messages for fields the form does not show (a stale id) link to the form. */
  const summary = (targets: SummaryTarget[], formId: string): SummaryEntry[] => {
    const placed = new Set<string>();
    const entries = targets.flatMap((target) => {
      const path = typeof target === "string" ? target : target.path;
      placed.add(path);
      const message = errorFor(path);
      return message ? [{ fieldId: typeof target === "string" ? fieldId(path) : target.id, message }] : [];
    });
    const unplaced = Object.entries(serverErrors)
      .filter(([path]) => !placed.has(path))
      .map(([, codes]) => ({ fieldId: formId, message: errorText(codes[0] ?? "invalid") }));
    return [...entries, ...unplaced];
  };

  const intro = conflictField ? undefined : actionErrorText(state);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void form.handleSubmit(() => {
      startTransition(() => formAction(new FormData(formRef.current!)));
    })(event);
  };

  return { state, formAction, formRef, form, initial, errorFor, summary, intro, onSubmit };
}

/** Reads a nested starting value ("documents.3.count") as text. */
export function textAt(values: unknown, path: string): string {
  const value = get(values, path) as unknown;
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** Reads a starting value that may be one id or several, as a list. */
export function listAt(values: unknown, path: string): string[] {
  const value = get(values, path) as unknown;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value !== "" ? [value] : [];
}

type FieldProps = {
  path: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  optionalText?: string;
  registration: UseFormRegisterReturn;
};

/** The catalogue forms address fields by their path in the form values ("documents.3.count"). */
export function TextField({ path, optional, optionalText, ...rest }: Omit<FieldProps, "registration"> & { registration: UseFormRegisterReturn } & Omit<React.ComponentProps<typeof SharedTextField>, "id" | "label" | "registration">) {
  return <SharedTextField id={fieldId(path)} optionalText={optional ? optionalText : undefined} {...rest} />;
}

/** A record's optional machine key (slug or document key): short, no spell check; derived from the name when left empty. */
export function KeyField(props: Omit<React.ComponentProps<typeof TextField>, "optional" | "maxLength" | "spellCheck" | "className">) {
  return <TextField {...props} optional maxLength={60} spellCheck={false} className="input--medium" />;
}

export function TextAreaField({ path, optional, optionalText, ...rest }: Omit<FieldProps, "registration"> & { registration: UseFormRegisterReturn } & Omit<React.ComponentProps<typeof SharedTextAreaField>, "id" | "label" | "registration">) {
  return <SharedTextAreaField id={fieldId(path)} optionalText={optional ? optionalText : undefined} {...rest} />;
}

export function SelectField({ path, ...rest }: Omit<FieldProps, "optional" | "optionalText"> & Omit<React.ComponentProps<typeof SharedSelectField>, "id" | "label" | "registration">) {
  return <SharedSelectField id={fieldId(path)} {...rest} />;
}

/** One checkbox with its own meaning ("active"); its hint and error are tied to the box itself. */
export function CheckboxField({ path, label, hint, error, registration, defaultChecked }: FieldProps & { defaultChecked: boolean }) {
  const id = fieldId(path);
  return (
    <div className={error ? "field field--error" : "field"}>
      {error && (
        <span className="error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <div className="checkbox" style={{ marginBottom: hint ? "var(--space-1)" : undefined }}>
        <input id={id} type="checkbox" value={TICKED} defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...registration} />
        <label htmlFor={id}>
          <strong>{label}</strong>
        </label>
      </div>
      {hint && (
        <span className="hint" id={`${id}-hint`} style={{ marginLeft: "2.25rem" }}>
          {hint}
        </span>
      )}
    </div>
  );
}

/** Several checkboxes posting one name (locations, forms); the summary links to the first box. */
export function CheckboxGroup({
  path,
  legend,
  hint,
  error,
  registration,
  options,
  checked,
  emptyText,
}: {
  path: string;
  legend: string;
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
  options: { value: string; label: string; note?: string }[];
  checked: string[];
  emptyText: string;
}) {
  const id = fieldId(path);
  return (
    <ChoiceGroup id={id} legend={legend} hint={hint} error={error}>
      {options.length === 0 && <p className="muted">{emptyText}</p>}
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div className="checkbox" key={option.value}>
            <input id={optionId} type="checkbox" value={option.value} defaultChecked={checked.includes(option.value)} aria-invalid={error ? true : undefined} {...registration} />
            <label htmlFor={optionId}>
              {option.label}
              {option.note ? <span className="muted"> {option.note}</span> : null}
            </label>
          </div>
        );
      })}
    </ChoiceGroup>
  );
}

/** The id the error summary links to for a checkbox group: its first box, or the group's hint when it is empty. */
export function firstOptionId(path: string, options: { value: string }[]): string {
  return options[0] ? `${fieldId(path)}-${options[0].value}` : `${fieldId(path)}-hint`;
}
