"use client";

import { useTranslations } from "next-intl";
import { CheckboxGroup, FormErrorSummary, KitForm, TextField, useKitForm, useResettingAction, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue } from "@/lib/actions/action-state";
import { counterConcernsFormSchema, MAX_PRIORITY_MINUTES, MAX_WALK_IN_TICKETS, queueSettingsFormSchema } from "@/lib/validation/queue";

/** A location's walk-in contingent and how early checked-in appointments go first. */
export function QueueSettingsForm({
  action,
  locationId,
  walkInTicketsPerDay,
  appointmentPriorityMinutes,
}: {
  action: FormAction;
  locationId: number;
  walkInTicketsPerDay: number;
  appointmentPriorityMinutes: number;
}) {
  const t = useTranslations("hall.settings");
  const { state, formAction } = useResettingAction(action);
  const idPrefix = `queue-${locationId}`;
  const kit = useKitForm(queueSettingsFormSchema, {
    state,
    formAction,
    idPrefix,
    defaultValues: {
      walkInTicketsPerDay: fieldValue(state, "walkInTicketsPerDay") ?? String(walkInTicketsPerDay),
      appointmentPriorityMinutes: fieldValue(state, "appointmentPriorityMinutes") ?? String(appointmentPriorityMinutes),
    },
  });
  return (
    <KitForm kit={kit} aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`}>{t("rulesTitle")}</h3>
      <FormErrorSummary fields={["walkInTicketsPerDay", "appointmentPriorityMinutes"]} />
      {state.status === "success" && !kit.isSubmittedAgain && (
        <p className="notice notice--success" role="status">
          {t("saved")}
        </p>
      )}
      <input type="hidden" name="locationId" value={locationId} />
      <TextField name="walkInTicketsPerDay" type="number" inputMode="numeric" min={0} max={MAX_WALK_IN_TICKETS} className="input--short" label={t("tickets")} hint={t("ticketsHint")} />
      <TextField
        name="appointmentPriorityMinutes"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_PRIORITY_MINUTES}
        className="input--short"
        label={t("priority")}
        hint={t("priorityHint")}
      />
      <SubmitButton className="button button--secondary">{t("save")}</SubmitButton>
    </KitForm>
  );
}

/** Which concerns one counter serves: a counter number and the concerns ticked (none: everything). */
export function CounterConcernsForm({
  action,
  locationId,
  concerns,
  counter,
  concernIds,
}: {
  action: FormAction;
  locationId: number;
  concerns: { id: number; name: string }[];
  counter?: number;
  concernIds?: number[];
}) {
  const t = useTranslations("hall.settings");
  const { state, formAction, generation } = useResettingAction(action);
  const idPrefix = `counter-${locationId}-${counter ?? "new"}`;
  const kit = useKitForm(counterConcernsFormSchema, {
    state,
    formAction,
    idPrefix,
    defaultValues: {
      counter: fieldValue(state, "counter") ?? (counter ? String(counter) : ""),
      concernIds: (concernIds ?? []).map(String),
    },
  });
  return (
    <KitForm key={generation} kit={kit} aria-labelledby={`${idPrefix}-title`}>
      <h4 id={`${idPrefix}-title`}>{counter ? t("counterTitle", { counter }) : t("newCounterTitle")}</h4>
      <FormErrorSummary fields={["counter", { name: "concernIds", id: `${idPrefix}-concernIds-${concerns[0]?.id ?? ""}` }]} />
      <input type="hidden" name="locationId" value={locationId} />
      {counter ? <input type="hidden" defaultValue={counter} {...kit.form.register("counter")} /> : <TextField name="counter" type="number" inputMode="numeric" min={1} max={99} className="input--short" label={t("counter")} />}
      <CheckboxGroup
        name="concernIds"
        legend={t("concerns")}
        hint={t("concernsHint")}
        options={concerns.map((c) => ({ value: String(c.id), label: c.name }))}
      />
      <SubmitButton className="button button--secondary">{counter ? t("saveCounter", { counter }) : t("addCounter")}</SubmitButton>
    </KitForm>
  );
}
