"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

/**
 * A staff form whose fields are rendered by the server page: errors appear in a summary that names each field and
 * links to it (field ids are `${idPrefix}-${name}`, so several forms can share a page); after a success the fields
 * reset for the next entry.
 */
export function ActionForm({
  action,
  fieldLabels,
  submitLabel,
  successText,
  children,
  danger = false,
  idPrefix,
}: {
  idPrefix: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fieldLabels: Record<string, string>;
  submitLabel: string;
  successText?: string;
  children: React.ReactNode;
  danger?: boolean;
}) {
  const tErrors = useTranslations("errors.fields");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new, empty set of fields after each saved entry
    if (state.status === "success") setGeneration((g) => g + 1);
  }, [state]);
  const entries =
    state.status === "error"
      ? Object.entries(state.fieldErrors).flatMap(([field, codes]) =>
          codes.map((code) => ({ fieldId: `${idPrefix}-${field}`, message: `${fieldLabels[field] ?? field}: ${tErrors.has(code as "required") ? tErrors(code as "required") : tErrors("invalid")}` })),
        )
      : [];
  return (
    <form action={formAction} noValidate>
      <ErrorSummary entries={entries} intro={errorText(state)} />
      {state.status === "success" && successText && (
        <p className="notice notice--success" role="status">
          {successText}
        </p>
      )}
      <div key={generation}>{children}</div>
      <SubmitButton className={danger ? "button button--danger" : "button"}>{submitLabel}</SubmitButton>
    </form>
  );
}
