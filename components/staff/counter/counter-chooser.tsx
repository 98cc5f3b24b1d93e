"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormErrorSummary, KitForm, TextField, useKitForm, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE } from "@/lib/actions/action-state";
import { COUNTER_NUMBERS } from "@/lib/domain/enums";
import { counterChoiceSchema } from "@/lib/validation/queue";

/** Which counter this clerk works at; remembered on the device. */
export function CounterChooser({ action, counter }: { action: FormAction; counter: number | null }) {
  const t = useTranslations("hall.counter");
  const [state, formAction] = useActionState(action, IDLE);
  const kit = useKitForm(counterChoiceSchema, { state, formAction, defaultValues: { counter: fieldValue(state, "counter") ?? (counter === null ? "" : String(counter)) } });
  return (
    <KitForm kit={kit} aria-labelledby="my-counter-label">
      <FormErrorSummary fields={["counter"]} />
      <div className="toolbar">
        <TextField
          name="counter"
          id="my-counter"
          type="number"
          inputMode="numeric"
          min={COUNTER_NUMBERS.first}
          max={COUNTER_NUMBERS.last}
          className="input--short"
          label={t("myCounter")}
        />
        <SubmitButton className="button button--secondary">{t("chooseCounter")}</SubmitButton>
      </div>
      {counter !== null && (
        <p className="small" id="my-counter-label">
          {t("atCounter", { counter })}
        </p>
      )}
    </KitForm>
  );
}
