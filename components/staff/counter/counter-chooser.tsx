"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

/** Which counter this clerk works at; remembered on the device. */
export function CounterChooser({ action, counter }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; counter: number | null }) {
  const t = useTranslations("hall.counter");
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="toolbar" aria-label={t("myCounter")}>
      <div className="field">
        <label htmlFor="my-counter">{t("myCounter")}</label>
        <input
          id="my-counter"
          name="counter"
          type="number"
          min={1}
          max={99}
          inputMode="numeric"
          className="input--short"
          defaultValue={counter ?? ""}
          aria-invalid={state.status === "error" || undefined}
          aria-describedby={state.status === "error" ? "my-counter-error" : undefined}
        />
        {state.status === "error" && (
          <p className="error-message" id="my-counter-error" role="alert">
            {t("invalid")}
          </p>
        )}
      </div>
      <SubmitButton className="button button--secondary">{t("chooseCounter")}</SubmitButton>
      {counter !== null && (
        <p className="small" role="status">
          {t("atCounter", { counter })}
        </p>
      )}
    </form>
  );
}
