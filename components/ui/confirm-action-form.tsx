"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/components/ui/form-kit";
import { IDLE } from "@/lib/actions/action-state";

const VARIANT_CLASS = {
  primary: "button",
  danger: "button button--danger",
  secondary: "button button--secondary button--small",
} as const;

/**
 * A single-button form for one action (cancel, delete, remove a row), with the calm error message if it fails.
 * `context` completes the button's name for screen readers when many such buttons share a page.
 */
export function ConfirmActionForm({
  action,
  hidden,
  label,
  context,
  danger = false,
  variant,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  label: string;
  context?: string;
  danger?: boolean;
  variant?: keyof typeof VARIANT_CLASS;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const errorText = useActionErrorText();
  return (
    <form action={formAction}>
      <ErrorSummary entries={[]} intro={errorText(state)} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <SubmitButton className={VARIANT_CLASS[variant ?? (danger ? "danger" : "primary")]}>
        {label}
        {context && <span className="visually-hidden">: {context}</span>}
      </SubmitButton>
    </form>
  );
}
