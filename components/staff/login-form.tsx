"use client";

import { SubmitButton } from "@/components/ui/submit-button";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";
import { staffLoginSchema, type StaffLogin, type StaffLoginInput } from "@/lib/validation/staff-login";
import { InputField, useStaffForm } from "./form-kit";

/**
 * Staff sign-in. The browser checks the form with the same zod schema as the server action; without JavaScript the
 * form posts natively. The password is never echoed back and is emptied after a failed attempt.
 */
export function LoginForm({ action, returnTo }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; returnTo?: string }) {
  const t = useTranslations("staff.login");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const initial = { email: fieldValue(state, "email") ?? "", password: "" };
  const { form, formRef, onSubmit, errorFor, summary } = useStaffForm<StaffLoginInput, StaffLogin>({
    resolver: zodResolver(staffLoginSchema),
    defaultValues: initial,
    state,
    formAction,
  });
  const { resetField } = form;
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
  const entries = summary([
    { name: "email", id: "email" },
    { name: "password", id: "password" },
  ]);

  return (
    <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={entries} intro={failure} />
      {returnTo && <input type="hidden" name="weiter" value={returnTo} />}
      <InputField
        id="email"
        type="email"
        autoComplete="username"
        required
        spellCheck={false}
        label={t("email")}
        error={errorFor("email")}
        defaultValue={initial.email}
        registration={form.register("email")}
      />
      <InputField id="password" type="password" autoComplete="current-password" required label={t("password")} error={errorFor("password")} registration={form.register("password")} />
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </form>
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
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
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
