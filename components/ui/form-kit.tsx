"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { createContext, startTransition, useActionState, useContext, useRef, useState } from "react";
import { FormProvider, get, useForm, useFormContext, type DefaultValues, type FieldValues, type Resolver, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { ErrorSummary, type SummaryEntry } from "@/components/ui/error-summary";
import {
  ChoiceGroup,
  describedBy,
  SelectField as SelectFrame,
  TextAreaField as TextAreaFrame,
  TextField as TextFrame,
} from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { TICKED } from "@/lib/validation/admin-catalogue";

/**
 * The one kit for the staff and administration forms. `useKitForm` wires react-hook-form (checking in the browser with
 * the same zod schema the server action parses) to a server action's state; `<KitForm>` provides it to the fields,
 * which are bound by name: each field registers itself, finds its error (the browser's first, then the server's) and
 * its starting value. Without JavaScript every form posts natively and the server's answer re-renders it with what was
 * sent and the same messages. Field and action messages are resolved in one place: `useFieldErrorText` and
 * `useActionErrorText`.
 */

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** "documents.3.count" → "documents-3-count": a usable element id for a field name. */
export const fieldId = (name: string) => name.replaceAll(".", "-");

export const isTicked = (value: unknown) => value === TICKED || value === true;

/** Reads a nested starting value ("documents.3.count") as text. */
export function textAt(values: unknown, name: string): string {
  const value = get(values, name) as unknown;
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** Reads a starting value that may be one id or several, as a list. */
export function listAt(values: unknown, name: string): string[] {
  const value = get(values, name) as unknown;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value !== "" ? [value] : [];
}

/**
 * A field message key as text. The shared `errors.fields` first, then the areas' own keys (catalogue, accounts, API
 * keys); a key nobody knows (a zod default message) reads as "invalid".
 */
export function useFieldErrorText() {
  const shared = useTranslations("errors.fields");
  const catalogue = useTranslations("adminCatalogue.errors");
  const accounts = useTranslations("adminPeople.fieldErrors");
  const apiKeys = useTranslations("adminApiKeys.fieldErrors");
  return (code: string): string => {
    for (const t of [shared, catalogue, accounts, apiKeys]) if (t.has(code)) return t(code);
    return shared("invalid");
  };
}

/**
 * A field in the error summary: its name, or its name with the element the link points to (a group of boxes links to
 * its first box) and a label that prefixes the message ("Start: …").
 */
export type SummaryField = string | { name: string; id?: string; label?: string };

type KitContextValue = {
  errorFor: (name: string) => string | undefined;
  idFor: (name: string) => string;
  initial: unknown;
  summary: (fields: SummaryField[]) => SummaryEntry[];
  intro: string | undefined;
};

const KitContext = createContext<KitContextValue | null>(null);

function useKit(): KitContextValue {
  const kit = useContext(KitContext);
  if (!kit) throw new Error("A form-kit field must be inside <KitForm>.");
  return kit;
}

/**
 * Wires react-hook-form to a server action's state. `defaultValues` are also the fields' starting values in the HTML,
 * so a form re-rendered by the server keeps what was sent. `idPrefix` tells apart the fields of forms sharing a page.
 * The post itself is the form's own FormData (hidden inputs included), sent only when the browser's check passes.
 */
export function useKitForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  { state, formAction, defaultValues, idPrefix, formId }: { state: ActionState; formAction: (formData: FormData) => void; defaultValues: z.input<S>; idPrefix?: string; formId?: string },
) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: defaultValues as DefaultValues<z.input<S>>,
    shouldFocusError: false,
  });
  // Read while rendering, so react-hook-form re-renders this form when the errors change.
  const clientErrors = form.formState.errors;
  const errorText = useFieldErrorText();
  const actionErrorText = useActionErrorText();

  // A taken slug or key comes back as a conflict naming its field: shown there, like any other field problem.
  const conflictField = state.status === "error" && state.code === "conflict" && typeof state.details.field === "string" ? state.details.field : null;
  const serverErrors: Record<string, string[]> =
    state.status !== "error"
      ? {}
      : conflictField
        ? { ...state.fieldErrors, [conflictField]: [typeof state.details.reason === "string" ? state.details.reason : "invalid"] }
        : state.fieldErrors;

  const idFor = (name: string) => (idPrefix ? `${idPrefix}-${fieldId(name)}` : fieldId(name));

  const errorFor = (name: string): string | undefined => {
    const client = (get(clientErrors, name) as { message?: unknown } | undefined)?.message;
    if (typeof client === "string" && client) return errorText(client);
    const server = serverErrors[name]?.[0];
    return server ? errorText(server) : undefined;
  };

  /**
   * The summary in form order, "Label: message" where a label is given. Server messages for fields the form does not
   * list (a hidden input, a stale id) link to the form (or, without a form id, to the first field).
   */
  const summary = (fields: SummaryField[]): SummaryEntry[] => {
    const listed = fields.map((field) => (typeof field === "string" ? { name: field } : field));
    const names = new Set(listed.map((field) => field.name));
    const entries = listed.flatMap(({ name, id, label }) => {
      const message = errorFor(name);
      return message ? [{ fieldId: id ?? idFor(name), message: label ? `${label}: ${message}` : message }] : [];
    });
    const fallbackId = formId ?? (listed[0] ? (listed[0].id ?? idFor(listed[0].name)) : "main");
    const unlisted = Object.entries(serverErrors)
      .filter(([name, codes]) => !names.has(name) && codes.length > 0)
      .map(([, codes]) => ({ fieldId: fallbackId, message: errorText(codes[0]!) }));
    return [...entries, ...unlisted];
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void form.handleSubmit(() => {
      startTransition(() => formAction(new FormData(formRef.current!)));
    })(event);
  };

  const kit: KitContextValue = { errorFor, idFor, initial: defaultValues, summary, intro: conflictField ? undefined : actionErrorText(state) };
  // A notice about the last saved entry is stale once the form is submitted again (even if the browser stops it).
  const isSubmittedAgain = form.formState.submitCount > 0;

  return { form, formRef, formAction, onSubmit, errorFor, isSubmittedAgain, initial: defaultValues, kit };
}

/** The form element: posts natively, checked by react-hook-form first when JavaScript runs. */
export function KitForm<TInput extends FieldValues, TOutput>({
  kit: { form, formRef, formAction, onSubmit, kit },
  children,
  ...attributes
}: {
  kit: {
    form: UseFormReturn<TInput, unknown, TOutput>;
    formRef: React.RefObject<HTMLFormElement | null>;
    formAction: (formData: FormData) => void;
    onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
    kit: KitContextValue;
  };
  children: React.ReactNode;
  id?: string;
  "aria-labelledby"?: string;
}) {
  return (
    <FormProvider {...form}>
      <KitContext.Provider value={kit}>
        <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit} {...attributes}>
          {children}
        </form>
      </KitContext.Provider>
    </FormProvider>
  );
}

/** The form's error summary: the listed fields in order, and the message of a failed action (or `intro`). */
export function FormErrorSummary({ fields, intro }: { fields: SummaryField[]; intro?: string }) {
  const kit = useKit();
  return <ErrorSummary entries={kit.summary(fields)} intro={intro ?? kit.intro} />;
}

/**
 * What a form-kit field needs from its name: element id, registration, error and starting value. For markup the kit
 * does not cover (a table of rows, a group of radio buttons).
 */
export function useField(name: string, id?: string) {
  const kit = useKit();
  const { register } = useFormContext();
  return { id: id ?? kit.idFor(name), registration: register(name), error: kit.errorFor(name), initial: kit.initial };
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

/** Bound by name: the id, error, registration and starting value come from the form; `defaultValue` overrides the last. */
type Bound = { name: string; id?: string; defaultValue?: string };

/** A labelled input of any type (text, e-mail, date, time, number …) with hint and error, wired for screen readers. */
export function TextField({ name, id, defaultValue, ...rest }: Bound & Omit<React.ComponentProps<typeof TextFrame>, "id" | "registration" | "error" | "defaultValue">) {
  const field = useField(name, id);
  return (
    <TextFrame
      id={field.id}
      error={field.error}
      registration={field.registration}
      defaultValue={defaultValue ?? textAt(field.initial, name)}
      {...rest}
    />
  );
}

/** A record's optional machine key (slug or document key): short, no spell check; derived from the name when left empty. */
export function KeyField(props: Omit<React.ComponentProps<typeof TextField>, "maxLength" | "spellCheck" | "className">) {
  return <TextField {...props} maxLength={60} spellCheck={false} className="input--medium" />;
}

export function TextAreaField({ name, id, defaultValue, ...rest }: Bound & Omit<React.ComponentProps<typeof TextAreaFrame>, "id" | "registration" | "error" | "defaultValue">) {
  const field = useField(name, id);
  return (
    <TextAreaFrame
      id={field.id}
      error={field.error}
      registration={field.registration}
      defaultValue={defaultValue ?? textAt(field.initial, name)}
      {...rest}
    />
  );
}

export function SelectField({ name, id, defaultValue, ...rest }: Bound & Omit<React.ComponentProps<typeof SelectFrame>, "id" | "registration" | "error" | "defaultValue">) {
  const field = useField(name, id);
  return <SelectFrame id={field.id} error={field.error} registration={field.registration} defaultValue={defaultValue ?? textAt(field.initial, name)} {...rest} />;
}

/** One checkbox with its own meaning ("active"); its hint and error are tied to the box itself. */
export function CheckboxField({ name, label, hint }: { name: string; label: string; hint?: string }) {
  const { id, registration, error, initial } = useField(name);
  return (
    <div className={error ? "field field--error" : "field"}>
      {error && (
        <span className="error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <div className="checkbox" style={{ marginBottom: hint ? "var(--space-1)" : undefined }}>
        <input
          id={id}
          type="checkbox"
          value={TICKED}
          defaultChecked={isTicked(get(initial, name))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          {...registration}
        />
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
  name,
  legend,
  hint,
  options,
  checked,
  emptyText,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string; note?: string }[];
  /** The ticked values; by default the starting value of `name`. */
  checked?: string[];
  emptyText?: string;
}) {
  const { id, registration, error, initial } = useField(name);
  const ticked = checked ?? listAt(initial, name);
  return (
    <ChoiceGroup id={id} legend={legend} hint={hint} error={error}>
      {options.length === 0 && emptyText && <p className="muted">{emptyText}</p>}
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div className="checkbox" key={option.value}>
            <input id={optionId} type="checkbox" value={option.value} defaultChecked={ticked.includes(option.value)} aria-invalid={error ? true : undefined} {...registration} />
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
export function firstOptionId(id: string, options: { value: string }[]): string {
  return options[0] ? `${id}-${options[0].value}` : `${id}-hint`;
}
