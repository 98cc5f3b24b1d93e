"use client";

import { useTranslations } from "next-intl";
import { ChoiceGroup } from "@/components/ui/fields";
import { FormErrorSummary, KitForm, SelectField, TextField, useKitForm, useResettingAction, type FormAction, type SummaryField } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, type ActionState } from "@/lib/actions/action-state";
import { capacityWindowSchema, openingRangeSchema, walkInBlockSchema } from "@/lib/validation/capacity";

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

/** The summary entries for a form's visible fields, labelled (the ids follow from the form's prefix). */
const summaryFields = (names: LabelledField[], labels: Labels): SummaryField[] => names.map((name) => ({ name, label: labels[name] }));

/** What was typed, echoed by the server after a failed post (the only way to keep it without JavaScript). */
const echoed = (state: ActionState, name: string, fallback: string) => fieldValue(state, name) ?? fallback;

function SavedNotice({ state, text, stale }: { state: ActionState; text: string; stale: boolean }) {
  return state.status === "success" && !stale ? (
    <p className="notice notice--success" role="status">
      {text}
    </p>
  ) : null;
}

/** Start and end, "HH:MM", shared by all three forms. */
function TimeFields({ labels }: { labels: Labels }) {
  return (
    <>
      {(["startMinute", "endMinute"] as const).map((name) => (
        <TextField key={name} name={name} type="time" required className="input--medium" label={labels[name]} />
      ))}
    </>
  );
}

/** Weekday (or every day), times and an optional validity period: capacity windows and walk-in blocks. */
function RecurringFields({ labels, weekdays, everyDay }: { labels: Labels; weekdays: { value: string; label: string }[]; everyDay: string }) {
  return (
    <>
      <SelectField name="weekday" className="input--medium" label={labels.weekday} options={[{ value: "", label: everyDay }, ...weekdays]} />
      <TimeFields labels={labels} />
      {(["validFrom", "validUntil"] as const).map((name) => (
        <TextField key={name} name={name} type="date" className="input--medium" label={labels[name]} />
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
  const initial = {
    locationId: String(locationId),
    weekday: echoed(state, "weekday", "1"),
    startMinute: echoed(state, "startMinute", ""),
    endMinute: echoed(state, "endMinute", ""),
  };
  const kit = useKitForm(openingRangeSchema, { state, formAction, defaultValues: initial, idPrefix: "hours" });
  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={summaryFields(["weekday", "startMinute", "endMinute"], labels)} />
      <SavedNotice state={state} text={t("saved")} stale={kit.isSubmittedAgain} />
      <input type="hidden" defaultValue={initial.locationId} {...kit.form.register("locationId")} />
      <SelectField name="weekday" className="input--medium" label={labels.weekday} options={weekdays} />
      <TimeFields labels={labels} />
      <SubmitButton pending={pending}>{t("addRange")}</SubmitButton>
    </KitForm>
  );
}

export function CapacityWindowForm({ action, locationId, concerns }: { action: FormAction; locationId: number; concerns: { id: number; name: string }[] }) {
  const { generation, ...rest } = useResettingAction(action);
  return <CapacityWindowFields key={generation} {...rest} locationId={locationId} concerns={concerns} />;
}

function CapacityWindowFields({ state, formAction, pending, locationId, concerns }: FormProps & { concerns: { id: number; name: string }[] }) {
  const { t, labels, weekdays } = useLabels();
  const initial = {
    ...recurringDefaults(state),
    locationId: String(locationId),
    onlineCounters: echoed(state, "onlineCounters", "1"),
    staffCounters: echoed(state, "staffCounters", "0"),
  };
  const chosen = state.status === "error" ? [state.values.concernIds ?? []].flat() : [];
  const kit = useKitForm(capacityWindowSchema, { state, formAction, defaultValues: initial, idPrefix: "window" });
  const fields = summaryFields(["weekday", "startMinute", "endMinute", "validFrom", "validUntil", "onlineCounters", "staffCounters"], labels);
  const counter = (name: "onlineCounters" | "staffCounters") => <TextField name={name} type="number" min={0} max={50} className="input--short" label={labels[name]} />;
  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={[...fields, { name: "concernIds", id: concerns[0] ? `concern-${concerns[0].id}` : "window-weekday", label: labels.concernIds }]} />
      <SavedNotice state={state} text={t("saved")} stale={kit.isSubmittedAgain} />
      <input type="hidden" defaultValue={initial.locationId} {...kit.form.register("locationId")} />
      <RecurringFields labels={labels} weekdays={weekdays} everyDay={t("everyDay")} />
      {counter("onlineCounters")}
      {counter("staffCounters")}
      {/* Optional and never invalid, so posted as they are rather than registered: react-hook-form reads a lone
          checkbox as true/false, which the schema (one id or a list) does not take. */}
      <ChoiceGroup id="window-concernIds" legend={t("onlyFor")} error={kit.errorFor("concernIds")}>
        {concerns.map((c) => (
          <div className="checkbox" key={c.id}>
            <input type="checkbox" id={`concern-${c.id}`} name="concernIds" value={c.id} defaultChecked={chosen.includes(String(c.id))} />
            <label htmlFor={`concern-${c.id}`}>{c.name}</label>
          </div>
        ))}
      </ChoiceGroup>
      <SubmitButton pending={pending}>{t("addWindow")}</SubmitButton>
    </KitForm>
  );
}

export function WalkInBlockForm({ action, locationId }: { action: FormAction; locationId: number }) {
  const { generation, ...rest } = useResettingAction(action);
  return <WalkInBlockFields key={generation} {...rest} locationId={locationId} />;
}

function WalkInBlockFields({ state, formAction, pending, locationId }: FormProps) {
  const { t, labels, weekdays } = useLabels();
  const initial = {
    ...recurringDefaults(state),
    locationId: String(locationId),
    counters: echoed(state, "counters", "1"),
    note: echoed(state, "note", ""),
  };
  const kit = useKitForm(walkInBlockSchema, { state, formAction, defaultValues: initial, idPrefix: "walkin" });
  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={summaryFields(["weekday", "startMinute", "endMinute", "validFrom", "validUntil", "counters", "note"], labels)} />
      <SavedNotice state={state} text={t("saved")} stale={kit.isSubmittedAgain} />
      <input type="hidden" defaultValue={initial.locationId} {...kit.form.register("locationId")} />
      <RecurringFields labels={labels} weekdays={weekdays} everyDay={t("everyDay")} />
      <TextField name="counters" type="number" min={1} max={50} className="input--short" label={labels.counters} />
      <TextField name="note" maxLength={200} label={labels.note} />
      <SubmitButton pending={pending}>{t("addWalkIn")}</SubmitButton>
    </KitForm>
  );
}
