"use client";

import { useTranslations } from "next-intl";
import { useActionErrorText } from "@/components/ui/office-context";
import type { ActionState } from "@/lib/actions/action-state";

/** Field messages: this area's own keys first (password_mismatch, email_taken …), then the shared `errors.fields`. */
export function useFieldErrorText() {
  const own = useTranslations("adminPeople.fieldErrors");
  const shared = useTranslations("errors.fields");
  return (code: string | undefined): string | undefined => {
    if (!code) return undefined;
    if (own.has(code)) return own(code);
    return shared.has(code) ? shared(code) : shared("invalid");
  };
}

/** A failed account action that is not about one field: the account rules get their own explanation. */
export function useAccountErrorText() {
  const rules = useTranslations("adminPeople.rules");
  const generic = useActionErrorText();
  return (state: ActionState): string | undefined => {
    if (state.status === "error" && state.code === "conflict" && typeof state.details.rule === "string" && rules.has(state.details.rule)) {
      return rules(state.details.rule);
    }
    return generic(state);
  };
}
