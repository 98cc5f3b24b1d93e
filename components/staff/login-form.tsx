"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";

export function LoginForm({ action, returnTo }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; returnTo?: string }) {
  const t = useTranslations("staff.login");
  const tErrors = useTranslations("errors.fields");
  const [state, formAction] = useActionState(action, IDLE);
  const failure =
    state.status === "error" && state.code === "rate_limited"
      ? t("throttled")
      : state.status === "error" && state.code === "invalid_credentials"
        ? t("invalid")
        : undefined;
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};
  const entries = (["email", "password"] as const).flatMap((name) =>
    fieldErrors[name] ? [{ fieldId: name, message: tErrors(fieldErrors[name][0] as "required") }] : [],
  );
  return (
    <form action={formAction} noValidate>
      <ErrorSummary entries={entries} intro={failure} />
      {returnTo && <input type="hidden" name="weiter" value={returnTo} />}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={fieldValue(state, "email") ?? ""} spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <SubmitButton>{t("submit")}</SubmitButton>
    </form>
  );
}
