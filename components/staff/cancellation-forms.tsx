"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { z } from "zod";
import { ErrorSummary } from "@/components/ui/error-summary";
import { ChoiceGroup } from "@/components/ui/fields";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE } from "@/lib/actions/action-state";
import { bulkCancelSchema, staffCancelSchema, type BulkCancelInput, type StaffCancelInput } from "@/lib/validation/cancellation";
import { InputField, useStaffForm, type FormAction } from "./form-kit";

/**
 * Staff cancellations, checked in the browser with the schemas their server actions parse. Both actions redirect on
 * success, so the forms only ever show errors.
 */

/** One booking, with an optional reason that the apology e-mail quotes. */
export function CancelWithReasonForm({ action, bookingId }: { action: FormAction; bookingId: number }) {
  const t = useTranslations("staff.booking");
  const errorText = useActionErrorText();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { form, formRef, onSubmit, errorFor, summary } = useStaffForm<z.input<typeof staffCancelSchema>, StaffCancelInput>({
    resolver: zodResolver(staffCancelSchema),
    defaultValues: { bookingId: String(bookingId), reason: fieldValue(state, "reason") ?? "" },
    state,
    formAction,
  });
  return (
    <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary([{ name: "reason", id: "reason", label: t("cancelReason") }])} intro={errorText(state)} />
      <input type="hidden" defaultValue={bookingId} {...form.register("bookingId")} />
      <InputField id="reason" label={t("cancelReason")} maxLength={300} error={errorFor("reason")} registration={form.register("reason")} />
      <SubmitButton className="button button--danger" pending={pending}>
        {t("cancelConfirm")}
      </SubmitButton>
    </form>
  );
}

export type ConflictingBooking = { id: number; label: string };

/** The bookings a capacity change no longer fits, all checked at first; the reason goes into each apology e-mail. */
export function BulkCancelForm({ action, locationSlug, bookings }: { action: FormAction; locationSlug: string; bookings: ConflictingBooking[] }) {
  const t = useTranslations("staff.capacity");
  const errorText = useActionErrorText();
  const [state, formAction, pending] = useActionState(action, IDLE);
  // After a refused post keep the boxes as they were sent; at first every box is checked.
  const posted = state.status === "error" ? [state.values.bookingIds ?? []].flat() : null;
  const checked = posted ?? bookings.map((b) => String(b.id));
  const { form, formRef, onSubmit, errorFor, summary } = useStaffForm<z.input<typeof bulkCancelSchema>, BulkCancelInput>({
    resolver: zodResolver(bulkCancelSchema),
    defaultValues: { standort: locationSlug, bookingIds: checked, reason: fieldValue(state, "reason") ?? "" },
    state,
    formAction,
  });
  const firstBox = bookings[0] ? `conflicts-bookingIds-${bookings[0].id}` : "conflicts-reason";
  return (
    <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary
        entries={summary([
          { name: "bookingIds", id: firstBox, label: t("appointments") },
          { name: "reason", id: "conflicts-reason", label: t("reasonLabel") },
        ])}
        intro={errorText(state)}
      />
      <input type="hidden" defaultValue={locationSlug} {...form.register("standort")} />
      <ChoiceGroup id="conflicts-bookingIds" legend={t("appointments")} error={errorFor("bookingIds")}>
        {bookings.map((b) => (
          <div className="checkbox" key={b.id}>
            <input type="checkbox" id={`conflicts-bookingIds-${b.id}`} value={b.id} defaultChecked={checked.includes(String(b.id))} {...form.register("bookingIds")} />
            <label htmlFor={`conflicts-bookingIds-${b.id}`}>{b.label}</label>
          </div>
        ))}
      </ChoiceGroup>
      <InputField id="conflicts-reason" label={t("reasonLabel")} required maxLength={200} error={errorFor("reason")} registration={form.register("reason")} />
      <SubmitButton className="button button--danger" pending={pending}>
        {t("cancelSelected")}
      </SubmitButton>
    </form>
  );
}
