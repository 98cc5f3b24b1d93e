import { and, asc, countDistinct, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { bookings, emailOutbox, locations } from "@/db/schema";
import type { BookingStatus, EmailKind } from "@/lib/domain/enums";
import { sendFailureReason, type SendFailureReason } from "@/lib/email/transport";
import { AppError, NotFoundError } from "@/lib/errors";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { recordAudit } from "../audit";
import { notifyCitizen } from "../booking-details";
import { manageUrl } from "../context";
import { replaceManageLink } from "../manage-link";
import { mailboxOf } from "@/lib/domain/mailbox";
import { inWriteTransaction } from "@/db/transaction";

/**
 * Confirmations the outbox gave up on (lib/email/outbox.ts: a permanent error, or still failing when its retry window
 * closed). Their body is erased, so the message itself is gone; what is left says that the citizen has no confirmation
 * and no manage link. Staff see them here (and as a count on the day view) and send them again.
 *
 * Only the mails that carry the appointment and the manage link count: the confirmation and the change notice. Only
 * for bookings that still stand (booked or checked in, not over, not anonymized): for anything else there is nothing
 * left to tell the citizen. One entry per booking, as one new mail with the current details answers every failed one.
 */
export const RESENDABLE_KINDS = ["booking_confirmation", "booking_rescheduled"] as const satisfies readonly EmailKind[];
export type ResendableKind = (typeof RESENDABLE_KINDS)[number];
const ACTIVE_STATUSES: BookingStatus[] = ["booked", "checked_in"];

export type UndeliveredEmail = {
  outboxId: number;
  kind: ResendableKind;
  /** The address the message could not be delivered to. */
  recipient: string;
  reason: SendFailureReason;
  failedAt: Date;
  booking: { id: number; referenceCode: string; citizenName: string; startsAt: Date; locationName: string; timeZone: string };
};

function undeliveredWhere(now: Date) {
  return and(
    eq(emailOutbox.status, "failed"),
    inArray(emailOutbox.kind, RESENDABLE_KINDS),
    inArray(bookings.status, ACTIVE_STATUSES),
    isNull(bookings.anonymizedAt),
    gt(bookings.endsAt, now),
  );
}

/** The undelivered confirmations, the soonest appointment first; per booking its latest failed message. */
export async function listUndelivered(access: StaffAccess): Promise<UndeliveredEmail[]> {
  const context = authorize(access, "staff");
  const rows = await context.db
    .select({ outbox: emailOutbox, booking: bookings, location: { name: locations.name, timeZone: locations.timeZone } })
    .from(emailOutbox)
    .innerJoin(bookings, eq(bookings.id, emailOutbox.bookingId))
    .innerJoin(locations, eq(locations.id, bookings.locationId))
    .where(undeliveredWhere(context.now()))
    .orderBy(asc(bookings.startsAt), asc(bookings.id), desc(emailOutbox.id));
  const seen = new Set<number>();
  return rows.flatMap(({ outbox, booking, location }) => {
    if (seen.has(booking.id)) return [];
    seen.add(booking.id);
    return [
      {
        outboxId: outbox.id,
        kind: outbox.kind as ResendableKind,
        recipient: outbox.recipient,
        reason: sendFailureReason(outbox.lastError),
        failedAt: outbox.nextAttemptAt,
        booking: {
          id: booking.id,
          referenceCode: booking.referenceCode,
          citizenName: booking.citizenName,
          startsAt: booking.startsAt,
          locationName: location.name,
          timeZone: location.timeZone,
        },
      },
    ];
  });
}

/** How many bookings wait for a confirmation that could not be sent (the day view's notice). */
export async function countUndelivered(access: StaffAccess): Promise<number> {
  const context = authorize(access, "staff");
  return (
    (await context.db
      .select({ n: countDistinct(emailOutbox.bookingId) })
      .from(emailOutbox)
      .innerJoin(bookings, eq(bookings.id, emailOutbox.bookingId))
      .where(undeliveredWhere(context.now())))[0]?.n ?? 0
  );
}

export type ResendOutcome = { bookingId: number; outboxId: number };

/**
 * Sends an undelivered confirmation (or change notice) again, optionally to a corrected address: a new mail of the
 * same kind with the booking as it is now and a FRESH manage link. The old link was only ever in the lost mail, whose
 * body is erased; nobody holds it, so it is replaced rather than recovered (only the token's hash is stored). The
 * failed messages of the booking are marked "superseded" and leave the list. All in one transaction.
 */
export async function resendConfirmation(access: StaffAccess, outboxId: number, options: { correctedEmail?: string | null } = {}): Promise<ResendOutcome> {
  const context = authorize(access, "staff");
  const { actor } = context;
  const now = context.now();
  const correctedEmail = options.correctedEmail?.trim().toLowerCase() || null;
  return inWriteTransaction(context.db, async (tx) => {
    const failed = (await tx.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId)))[0];
    if (!failed || failed.bookingId === null || !isResendableKind(failed.kind)) throw new NotFoundError("email");
    // A second click, or a colleague who was quicker.
    if (failed.status !== "failed") throw new AppError("conflict", "this e-mail was already sent again");
    const booking = (await tx.select().from(bookings).where(eq(bookings.id, failed.bookingId)))[0];
    if (!booking) throw new NotFoundError("booking");
    if (booking.anonymizedAt !== null || !ACTIVE_STATUSES.includes(booking.status) || booking.endsAt.getTime() <= now.getTime()) {
      throw new AppError("conflict", "the booking is no longer active");
    }
    const email = correctedEmail ?? booking.email;
    if (!email) throw new AppError("conflict", "the booking has no e-mail address");

    // A new nonce-derived token, so later mails (the reminder) can carry this link again (lib/services/manage-link.ts).
    const { token, booking: updated } = await replaceManageLink(tx, context, booking.id, { email, mailbox: mailboxOf(email) });
    const newOutboxId = (await notifyCitizen(tx, updated, failed.kind, { manageUrl: manageUrl(context, token) }, { now, canSend: context.canSendMail }))!;
    await supersedeFailed(tx, booking.id);
    // No addresses or names: which mail, why it failed, and whether the address was changed.
    await recordAudit(tx, actor, {
        action: "email.resend",
        entityType: "booking",
        entityId: booking.id,
        before: { outboxId: failed.id, kind: failed.kind, reason: sendFailureReason(failed.lastError) },
        after: { outboxId: newOutboxId, kind: failed.kind, referenceCode: booking.referenceCode, addressCorrected: email !== booking.email },
      });
    return { bookingId: booking.id, outboxId: newOutboxId };
  });
}

function isResendableKind(kind: EmailKind): kind is ResendableKind {
  return (RESENDABLE_KINDS as readonly EmailKind[]).includes(kind);
}

/** The new mail answers every failed confirmation and change notice of the booking, not only the one clicked. */
async function supersedeFailed(tx: DbOrTransaction, bookingId: number): Promise<void> {
  await tx.update(emailOutbox)
    .set({ status: "superseded" })
    .where(and(eq(emailOutbox.bookingId, bookingId), eq(emailOutbox.status, "failed"), inArray(emailOutbox.kind, RESENDABLE_KINDS)));
}
