"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useActionErrorText } from "@/components/ui/office-context";
import type { FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE } from "@/lib/actions/action-state";
import type { BookingStatus } from "@/lib/domain/enums";

const LABEL: Partial<Record<BookingStatus, "checkIn" | "done" | "noShow" | "undo">> = {
  checked_in: "checkIn",
  done: "done",
  no_show: "noShow",
  booked: "undo",
};

/** One form per booking; each button posts the status it sets. Named with the booking so lists stay unambiguous. */
export function StatusButtons({
  action,
  bookingId,
  next,
  bookingLabel,
  withCounter = false,
}: {
  action: FormAction;
  bookingId: number;
  next: BookingStatus[];
  bookingLabel: string;
  withCounter?: boolean;
}) {
  const t = useTranslations("staff.day");
  const tBooking = useTranslations("staff.booking");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  if (next.length === 0) return null;
  const message = errorText(state);
  return (
    <form action={formAction} className="toolbar" style={{ marginBottom: 0, gap: "0.5rem" }}>
      <input type="hidden" name="bookingId" value={bookingId} />
      {withCounter && next.includes("checked_in") && (
        <div className="field">
          <label htmlFor={`counter-${bookingId}`}>{tBooking("counterLabel")}</label>
          <input id={`counter-${bookingId}`} name="counter" type="number" min={1} max={99} className="input--short" inputMode="numeric" />
        </div>
      )}
      {next.map((status) => (
        <SubmitButton key={status} className="button button--secondary button--small" name="status" value={status}>
          {t(LABEL[status] ?? "undo")}
          <span className="visually-hidden">: {bookingLabel}</span>
        </SubmitButton>
      ))}
      {message && (
        <p className="error-message" role="alert">
          {message}
        </p>
      )}
      {state.status === "success" && (
        <p className="visually-hidden" role="status">
          {t("changed")}
        </p>
      )}
    </form>
  );
}
