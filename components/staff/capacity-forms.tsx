"use client";

import { SubmitButton } from "@/components/ui/submit-button";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import { ErrorSummary } from "@/components/ui/error-summary";
import { ChoiceGroup } from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { fieldValue, type ActionState } from "@/lib/actions/action-state";
import {
  capacityWindowSchema,
  openingRangeSchema,
  walkInBlockSchema,
  type CapacityWindowInput,
  type OpeningRangeInput,
  type WalkInBlockInput,
} from "@/lib/validation/capacity";
import { InputField, SelectField, useResettingAction, useStaffForm, type FormAction, type SummaryField } from "./form-kit";

/**
 * The "add" forms of the capacity page: opening hours, capacity windows and walk-in blocks. Each is checked in the
 * browser with the schema its server action parses; after a saved entry the notice appears and the fields start
 * empty again. Element ids carry a prefix ("hours-", "window-", "walkin-") because the three forms share a page.
 */

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

type FormProps = { state: ActionState; formAction: (formData: FormData) => void; pending: boolean; locationId: number };
type RecurringField = "weekday" | "startMinute" | "endMinute" | "validFrom" | "validUntil";
type LabelledField = RecurringField | "onlineCounters" | "staffCounters" | "counters" | "concernIds" | "note";
type Labels = Record<LabelledField, string>;

function useLabels() {
  const t = useTranslations("staff.capacity");
  const tCommon = useTranslations("common");
  const labels: Labels = {
    weekday: t("weekday"),
    startMinute: t("start"),
    endMinute: t("end"),
    validFrom: t("validFrom"),
    validUntil: t("validUntil"),
    onlineCounters: t("online"),
    staffCounters: t("staffOnly"),
    counters: t("counters"),
    concernIds: t("onlyFor"),
    note: t("note"),
  };
  const weekdays = WEEKDAYS.map((day) => ({ value: day, label: tCommon(`weekday.${day}`) }));
  return { t, labels, weekdays };
}

/** The summary entries for a form's visible fields, labelled and linked by the form's id prefix. */
const summaryFields = (prefix: string, names: LabelledField[], labels: Labels): SummaryField[] => names.map((name) => ({ name, id: `${prefix}-${name}`, label: labels[name] }));

/** What was typed, echoed by the server after a failed post (the only way to keep it without JavaScript). */
const echoed = (state: ActionState, name: string, fallback: string) => fieldValue(state, name) ?? fallback;

function SavedNotice({ state, text, stale }: { state: ActionState; text: string; stale: boolean }) {
  return state.status === "success" && !stale ? (
    <p className="notice notice--success" role="status">
      {text}
    </p>
  ) : null;
}

type FieldProps<F extends string> = {
  prefix: string;
  labels: Labels;
  errorFor: (name: string) => string | undefined;
  initial: Record<F, string>;
  register: (name: F) => UseFormRegisterReturn;
};

/** Start and end, "HH:MM", shared by all three forms. */
function TimeFields({ prefix, labels, errorFor, initial, register }: FieldProps<"startMinute" | "endMinute">) {
  return (
    <>
      {(["startMinute", "endMinute"] as const).map((name) => (
        <InputField
          key={name}
          id={`${prefix}-${name}`}
          type="time"
          required
          className="input--medium"
          label={labels[name]}
          error={errorFor(name)}
          defaultValue={initial[name]}
          registration={register(name)}
        />
      ))}
    </>
  );
}

/** Weekday (or every day), times and an optional validity period: capacity windows and walk-in blocks. */
function RecurringFields(props: FieldProps<RecurringField> & { weekdays: { value: string; label: string }[]; everyDay: string }) {
  const { prefix, labels, errorFor, initial, register } = props;
  return (
    <>
      <SelectField
        id={`${prefix}-weekday`}
        className="input--medium"
        label={labels.weekday}
        error={errorFor("weekday")}
        defaultValue={initial.weekday}
        registration={register("weekday")}
        options={[{ value: "", label: props.everyDay }, ...props.weekdays]}
      />
      <TimeFields {...props} />
      {(["validFrom", "validUntil"] as const).map((name) => (
        <InputField
          key={name}
          id={`${prefix}-${name}`}
          type="date"
          className="input--medium"
          label={labels[name]}
          error={errorFor(name)}
          defaultValue={initial[name]}
          registration={register(name)}
        />
      ))}
    </>
  );
}

const recurringDefaults = (state: ActionState): Record<RecurringField, string> => ({
  weekday: echoed(state, "weekday", ""),
  startMinute: echoed(state, "startMinute", ""),
  endMinute: echoed(state, "endMinute", ""),
  validFrom: echoed(state, "validFrom", ""),
  validUntil: echoed(state, "validUntil", ""),
});

export function OpeningRangeForm({ action, locationId }: { action: FormAction; locationId: number }) {
  const { generation, ...rest } = useResettingAction(action);
  return <OpeningRangeFields key={generation} {...rest} locationId={locationId} />;
}

function OpeningRangeFields({ state, formAction, pending, locationId }: FormProps) {
  const { t, labels, weekdays } = useLabels();
  const errorText = useActionErrorText();
  const initial = {
    locationId: String(locationId),
    weekday: echoed(state, "weekday", "1"),
    startMinute: echoed(state, "startMinute", ""),
    endMinute: echoed(state, "endMinute", ""),
  };
  const { form, formRef, onSubmit, errorFor, summary, isSubmittedAgain } = useStaffForm<z.input<typeof openingRangeSchema>, OpeningRangeInput>({
    resolver: zodResolver(openingRangeSchema),
    defaultValues: initial,
    state,
    formAction,
  });
  return (
    <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary(summaryFields("hours", ["weekday", "startMinute", "endMinute"], labels))} intro={errorText(state)} />
      <SavedNotice state={state} text={t("saved")} stale={isSubmittedAgain} />
      <input type="hidden" defaultValue={initial.locationId} {...form.register("locationId")} />
      <SelectField
        id="hours-weekday"
        className="input--medium"
        label={labels.weekday}
        error={errorFor("weekday")}
        defaultValue={initial.weekday}
        registration={form.register("weekday")}
        options={weekdays}
      />
      <TimeFields prefix="hours" labels={labels} errorFor={errorFor} initial={initial} register={(name) => form.register(name)} />
      <SubmitButton pending={pending}>{t("addRange")}</SubmitButton>
    </form>
  );
}

export function CapacityWindowForm({ action, locationId, concerns }: { action: FormAction; locationId: number; concerns: { id: number; name: string }[] }) {
  const { generation, ...rest } = useResettingAction(action);
  return <CapacityWindowFields key={generation} {...rest} locationId={locationId} concerns={concerns} />;
}

function CapacityWindowFields({ state, formAction, pending, locationId, concerns }: FormProps & { concerns: { id: number; name: string }[] }) {
  const { t, labels, weekdays } = useLabels();
  const errorText = useActionErrorText();
  const recurring = recurringDefaults(state);
  const initial = {
    ...recurring,
    locationId: String(locationId),
    onlineCounters: echoed(state, "onlineCounters", "1"),
    staffCounters: echoed(state, "staffCounters", "0"),
  };
  const chosen = state.status === "error" ? [state.values.concernIds ?? []].flat() : [];
  const { form, formRef, onSubmit, errorFor, summary, isSubmittedAgain } = useStaffForm<z.input<typeof capacityWindowSchema>, CapacityWindowInput>({
    resolver: zodResolver(capacityWindowSchema),
    defaultValues: initial,
    state,
    formAction,
  });
  const fields = summaryFields("window", ["weekday", "startMinute", "endMinute", "validFrom", "validUntil", "onlineCounters", "staffCounters"], labels);
  const counter = (name: "onlineCounters" | "staffCounters") => (
    <InputField
      id={`window-${name}`}
      type="number"
      min={0}
      max={50}
      className="input--short"
      label={labels[name]}
      error={errorFor(name)}
      defaultValue={initial[name]}
      registration={form.register(name)}
    />
  );
  return (
    <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary([...fields, { name: "concernIds", id: concerns[0] ? `concern-${concerns[0].id}` : "window-weekday", label: labels.concernIds }])} intro={errorText(state)} />
      <SavedNotice state={state} text={t("saved")} stale={isSubmittedAgain} />
      <input type="hidden" defaultValue={initial.locationId} {...form.register("locationId")} />
      <RecurringFields prefix="window" labels={labels} errorFor={errorFor} initial={recurring} register={(name) => form.register(name)} weekdays={weekdays} everyDay={t("everyDay")} />
      {counter("onlineCounters")}
      {counter("staffCounters")}
      {/* Optional and never invalid, so posted as they are rather than registered: react-hook-form reads a lone
          checkbox as true/false, which the schema (one id or a list) does not take. */}
      <ChoiceGroup id="window-concernIds" legend={t("onlyFor")} error={errorFor("concernIds")}>
        {concerns.map((c) => (
          <div className="checkbox" key={c.id}>
            <input type="checkbox" id={`concern-${c.id}`} name="concernIds" value={c.id} defaultChecked={chosen.includes(String(c.id))} />
            <label htmlFor={`concern-${c.id}`}>{c.name}</label>
          </div>
        ))}
      </ChoiceGroup>
      <SubmitButton pending={pending}>{t("addWindow")}</SubmitButton>
    </form>
  );
}

export function WalkInBlockForm({ action, locationId }: { action: FormAction; locationId: number }) {
  const { generation, ...rest } = useResettingAction(action);
  return <WalkInBlockFields key={generation} {...rest} locationId={locationId} />;
}

function WalkInBlockFields({ state, formAction, pending, locationId }: FormProps) {
  const { t, labels, weekdays } = useLabels();
  const errorText = useActionErrorText();
  const recurring = recurringDefaults(state);
  const initial = {
    ...recurring,
    locationId: String(locationId),
    counters: echoed(state, "counters", "1"),
    note: echoed(state, "note", ""),
  };
  const { form, formRef, onSubmit, errorFor, summary, isSubmittedAgain } = useStaffForm<z.input<typeof walkInBlockSchema>, WalkInBlockInput>({
    resolver: zodResolver(walkInBlockSchema),
    defaultValues: initial,
    state,
    formAction,
  });
  return (
    <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary(summaryFields("walkin", ["weekday", "startMinute", "endMinute", "validFrom", "validUntil", "counters", "note"], labels))} intro={errorText(state)} />
      <SavedNotice state={state} text={t("saved")} stale={isSubmittedAgain} />
      <input type="hidden" defaultValue={initial.locationId} {...form.register("locationId")} />
      <RecurringFields prefix="walkin" labels={labels} errorFor={errorFor} initial={recurring} register={(name) => form.register(name)} weekdays={weekdays} everyDay={t("everyDay")} />
      <InputField
        id="walkin-counters"
        type="number"
        min={1}
        max={50}
        className="input--short"
        label={labels.counters}
        error={errorFor("counters")}
        defaultValue={initial.counters}
        registration={form.register("counters")}
      />
      <InputField id="walkin-note" maxLength={200} label={labels.note} error={errorFor("note")} defaultValue={initial.note} registration={form.register("note")} />
      <SubmitButton pending={pending}>{t("addWalkIn")}</SubmitButton>
    </form>
  );
}
