"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { FormError } from "./form-error";
import { useAccountErrorText } from "./use-error-text";

/** Deactivates an active account or reactivates an inactive one: one button, the target state posted explicitly. */
export function StatusForm({
  action,
  userId,
  name,
  active,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  userId: number;
  name: string;
  active: boolean;
}) {
  const t = useTranslations("adminPeople.accounts.statusForm");
  const errorText = useAccountErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction}>
      <FormError text={errorText(state)} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "nein" : "ja"} />
      <SubmitButton className={active ? "button button--danger" : "button"}>{active ? t("deactivate", { name }) : t("reactivate", { name })}</SubmitButton>
    </form>
  );
}
