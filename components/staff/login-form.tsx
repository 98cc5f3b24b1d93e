"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { FormErrorSummary, KitForm, TextField, useKitForm, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE } from "@/lib/actions/action-state";
import { staffLoginSchema } from "@/lib/validation/staff-login";

/**
 * Staff sign-in. The browser checks the form with the same zod schema as the server action; without JavaScript the
 * form posts natively. The password is never echoed back and is emptied after a failed attempt.
 */
export function LoginForm({ action, returnTo }: { action: FormAction; returnTo?: string }) {
  const t = useTranslations("staff.login");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const initial = { email: fieldValue(state, "email") ?? "", password: "" };
  const kit = useKitForm(staffLoginSchema, { state, formAction, defaultValues: initial });
  const { resetField } = kit.form;
  useEffect(() => {
    if (state.status === "error") resetField("password");
  }, [state, resetField]);

  const failure =
    state.status === "error" && state.code === "rate_limited"
      ? t("throttled")
      : state.status === "error" && state.code === "invalid_credentials"
        ? t("invalid")
        : state.status === "error" && state.code === "forbidden"
          ? t("passwordOff")
          : undefined;

  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={["email", "password"]} intro={failure} />
      {returnTo && <input type="hidden" name="weiter" value={returnTo} />}
      <TextField name="email" type="email" autoComplete="username" required spellCheck={false} label={t("email")} />
      <TextField name="password" type="password" autoComplete="current-password" required label={t("password")} />
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </KitForm>
  );
}

/**
 * Single sign-on: one button in a form that posts to a server action, which sends the browser on to the identity
 * provider. Works without JavaScript (the action answers with a redirect). Failures to start come back as a message
 * on the sign-in page, so the state here is only the button's "pending".
 */
export function SsoSignInForm({
  action,
  label,
  returnTo,
}: {
  action: FormAction;
  label: string;
  returnTo?: string;
}) {
  const t = useTranslations("staff.login.sso");
  const [, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} style={{ marginBottom: "var(--space-5)" }}>
      {returnTo && <input type="hidden" name="weiter" value={returnTo} />}
      <SubmitButton pending={pending} pendingLabel={t("pending")}>
        {label}
      </SubmitButton>
    </form>
  );
}
