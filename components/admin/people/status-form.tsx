"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE } from "@/lib/actions/action-state";
import { FormError } from "./form-error";
import type { FormAction } from "@/components/ui/form-kit";
import { useActionErrorText } from "@/components/ui/office-context";

/** Deactivates an active account or reactivates an inactive one: one button, the target state posted explicitly. */
export function StatusForm({
  action,
  userId,
  name,
  active,
}: {
  action: FormAction;
  userId: number;
  name: string;
  active: boolean;
}) {
  const t = useTranslations("adminPeople.accounts.statusForm");
  const errorText = useActionErrorText();
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
