"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { ChoiceGroup, describedBy, FieldFrame } from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";
import { useFieldErrorText, type FormAction } from "@/components/ui/form-kit";

/**
 * The confirmation step of removing or shortening a capacity rule, and the undo offered after it. Plain posted forms
 * checked on the server (they work the same without JavaScript), using the kit's message helpers. Not a `KitForm`:
 * the confirm form has two submit buttons whose value ("handling") the browser-side check would not see.
 */

export type StrandedBooking = { id: number; label: string; reference: string; href: string };

/** A refusal the service explains with a reason of its own (details.reason), else the general message. */
function useRefusalText(minutes = 0) {
  const t = useTranslations("staff.capacityChange.refusals");
  const general = useActionErrorText();
  return (state: ActionState): string | undefined => {
    if (state.status !== "error") return undefined;
    const reason = state.details.reason;
    return typeof reason === "string" && t.has(reason) ? t(reason as "expired", { minutes }) : general(state);
  };
}

function errorsOf(state: ActionState, name: string): string[] {
  return state.status === "error" ? (state.fieldErrors[name] ?? []) : [];
}

export function RuleChangeConfirmForm({
  action,
  hidden,
  stranded,
  isRemoval,
}: {
  action: FormAction;
  /** The change itself (regel, id, beginn, ende), posted back unchanged. */
  hidden: Record<string, string>;
  stranded: StrandedBooking[];
  isRemoval: boolean;
}) {
  const t = useTranslations("staff.capacityChange");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const refusal = useRefusalText();
  const fieldText = useFieldErrorText();
  const error = (name: string) => errorsOf(state, name).map(fieldText)[0];
  // After a refused post keep the boxes as they were sent; at first every box is checked.
  const posted = state.status === "error" ? [state.values.bookingIds ?? []].flat() : null;
  const isChecked = (id: number) => (posted ? posted.includes(String(id)) : true);
  const firstBox = stranded[0] ? `change-booking-${stranded[0].id}` : "change-reason";
  const summary = [
    { name: "bookingIds", id: firstBox, label: t("appointments") },
    { name: "reason", id: "change-reason", label: t("reasonLabel") },
  ].flatMap((field) => (error(field.name) ? [{ fieldId: field.id, message: `${field.label}: ${error(field.name)}` }] : []));
  const isPending = pending;

  return (
    <form action={formAction}>
      <ErrorSummary entries={summary} intro={refusal(state)} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {stranded.map((b) => (
        <input key={b.id} type="hidden" name="shown" value={b.id} />
      ))}
      {stranded.length === 0 ? (
        <div className="button-group">
          <SubmitButton className="button button--danger" name="handling" value="keep" pending={isPending}>
            {isRemoval ? t("confirmRemove") : t("confirmShorten")}
          </SubmitButton>
        </div>
      ) : (
        <>
          <ChoiceGroup id="change-bookingIds" legend={t("appointments")} hint={t("appointmentsHint")} error={error("bookingIds")}>
                          {stranded.map((b) => (
                <div key={b.id} className="checkbox">
                  <input type="checkbox" id={`change-booking-${b.id}`} name="bookingIds" value={b.id} defaultChecked={isChecked(b.id)} />
                  <label htmlFor={`change-booking-${b.id}`}>{b.label}</label>
                  <Link href={b.href} style={{ marginInlineStart: "1rem", alignSelf: "center" }}>
                    {t("move")}
                    <span className="visually-hidden">: {t("moveContext", { reference: b.reference })}</span>
                  </Link>
                </div>
              ))}
          </ChoiceGroup>
          <FieldFrame id="change-reason" label={t("reasonLabel")} error={error("reason")}>
            <input
              id="change-reason"
              name="reason"
              type="text"
              maxLength={200}
              defaultValue={fieldValue(state, "reason") ?? ""}
              aria-invalid={error("reason") ? true : undefined}
              aria-describedby={describedBy("change-reason", undefined, error("reason"))}
            />
          </FieldFrame>
          <div className="button-group">
            <SubmitButton className="button button--danger" name="handling" value="cancel" pending={isPending}>
              {t("confirmAndCancel")}
            </SubmitButton>
            <SubmitButton className="button button--secondary" name="handling" value="keep" pending={isPending}>
              {t("confirmKeep")}
            </SubmitButton>
          </div>
          <p className="hint">{t("confirmKeepHint")}</p>
        </>
      )}
    </form>
  );
}

/** "Rückgängig" right after a change, with the reason if the undo is refused. */
export function UndoRuleChangeForm({ action, auditId, context, minutes }: { action: FormAction; auditId: number; context: string; minutes: number }) {
  const t = useTranslations("staff.capacityChange");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const refusal = useRefusalText(minutes);
  return (
    <form action={formAction}>
      <ErrorSummary entries={[]} intro={refusal(state)} />
      <input type="hidden" name="aenderung" value={auditId} />
      <SubmitButton className="button button--secondary button--small" pending={pending}>
        {t("undo")}
        <span className="visually-hidden">: {t("undoContext", { rule: context })}</span>
      </SubmitButton>
    </form>
  );
}
