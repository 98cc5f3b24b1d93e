"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { CheckboxGroup, firstOptionId, FormErrorSummary, KitForm, TextField, useKitForm, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE } from "@/lib/actions/action-state";
import { bulkCancelSchema, staffCancelSchema } from "@/lib/validation/cancellation";

/**
 * Staff cancellations, checked in the browser with the schemas their server actions parse. Both actions redirect on
 * success, so the forms only ever show errors.
 */

/** One booking, with an optional reason that the apology e-mail quotes. */
export function CancelWithReasonForm({ action, bookingId }: { action: FormAction; bookingId: number }) {
  const t = useTranslations("staff.booking");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const kit = useKitForm(staffCancelSchema, { state, formAction, defaultValues: { bookingId: String(bookingId), reason: fieldValue(state, "reason") ?? "" } });
  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={[{ name: "reason", label: t("cancelReason") }]} />
      <input type="hidden" defaultValue={bookingId} {...kit.form.register("bookingId")} />
      <TextField name="reason" label={t("cancelReason")} maxLength={300} />
      <SubmitButton className="button button--danger" pending={pending}>
        {t("cancelConfirm")}
      </SubmitButton>
    </KitForm>
  );
}

export type ConflictingBooking = { id: number; label: string };

/** The bookings a capacity change no longer fits, all checked at first; the reason goes into each apology e-mail. */
export function BulkCancelForm({ action, locationSlug, bookings }: { action: FormAction; locationSlug: string; bookings: ConflictingBooking[] }) {
  const t = useTranslations("staff.capacity");
  const [state, formAction, pending] = useActionState(action, IDLE);
  // After a refused post keep the boxes as they were sent; at first every box is checked.
  const posted = state.status === "error" ? [state.values.bookingIds ?? []].flat() : null;
  const checked = posted ?? bookings.map((b) => String(b.id));
  const kit = useKitForm(bulkCancelSchema, { state, formAction, defaultValues: { standort: locationSlug, bookingIds: checked, reason: fieldValue(state, "reason") ?? "" }, idPrefix: "conflicts" });
  const options = bookings.map((b) => ({ value: String(b.id), label: b.label }));
  return (
    <KitForm kit={kit}>
      <FormErrorSummary
        fields={[
          { name: "bookingIds", id: bookings[0] ? firstOptionId("conflicts-bookingIds", options) : "conflicts-reason", label: t("appointments") },
          { name: "reason", label: t("reasonLabel") },
        ]}
      />
      <input type="hidden" defaultValue={locationSlug} {...kit.form.register("standort")} />
      <CheckboxGroup name="bookingIds" legend={t("appointments")} options={options} />
      <TextField name="reason" label={t("reasonLabel")} required maxLength={200} />
      <SubmitButton className="button button--danger" pending={pending}>
        {t("cancelSelected")}
      </SubmitButton>
    </KitForm>
  );
}
