/**
 * Double opt-in for online bookings (settings.bookingConfirmationMinutes > 0): the booking transaction holds the time
 * (status "held", purpose "confirmation", heldUntil) and mails a confirmation link; only a POST from that link's page
 * makes it an appointment. Unconfirmed holds lapse with the waiting list's round (lib/services/waiting-list/offers.ts),
 * which releases them and offers the freed time to the waiting list first.
 *
 * The confirmation link is not the manage link: the browser that booked already holds the manage link, and confirming
 * must prove access to the mailbox. It is the booking's id with an HMAC over id and link nonce, so nothing new is
 * stored and nobody without the server secret can make one.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { bookings, type Booking } from "@/db/schema";
import { AppError, NotFoundError } from "@/lib/errors";
import { notifyCitizen } from "./booking-details";
import { manageUrl, type ServiceContext } from "./context";
import { deriveManageToken } from "@/lib/booking-tokens";
import { inWriteTransaction } from "@/db/transaction";

export function confirmationToken(secret: string, booking: Pick<Booking, "id" | "linkNonce">): string {
  return `${booking.id}.${signature(secret, booking.id, booking.linkNonce ?? "")}`;
}

export function confirmationUrl(context: Pick<ServiceContext, "publicUrl" | "secret">, booking: Pick<Booking, "id" | "linkNonce">): string {
  return `${context.publicUrl}/termin/bestaetigen/${confirmationToken(context.secret, booking)}`;
}

function signature(secret: string, bookingId: number, linkNonce: string): string {
  return createHmac("sha256", secret).update(`confirm-booking:${bookingId}:${linkNonce}`, "utf8").digest("base64url");
}

/** Where a booking behind a confirmation link stands: waiting for it, confirmed, or let go (lapsed, released, cancelled). */
export type ConfirmationState = { booking: Booking; state: "open" | "confirmed" | "lapsed" };

/** The booking a confirmation link names, or null for a forged, mangled or erased one. Reading changes nothing. */
export async function findByConfirmationToken(db: DbOrTransaction, secret: string, token: string, now: Date): Promise<ConfirmationState | null> {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const booking = (await db.select().from(bookings).where(eq(bookings.id, Number(match[1]))))[0];
  if (!booking || booking.anonymizedAt || booking.linkNonce === null) return null;
  const expected = Buffer.from(signature(secret, booking.id, booking.linkNonce));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (booking.status === "held" && booking.holdPurpose === "confirmation" && booking.heldUntil && booking.heldUntil.getTime() > now.getTime()) {
    return { booking, state: "open" };
  }
  // Only bookings that were held for confirmation have such a link; once confirmed they are ordinary appointments.
  if (booking.status === "booked" || booking.status === "checked_in" || booking.status === "done" || booking.status === "no_show") {
    return { booking, state: "confirmed" };
  }
  return { booking, state: "lapsed" };
}

/**
 * Confirms a held online booking: it becomes an appointment, and the usual confirmation (checklist, manage link,
 * calendar file) goes out, in one transaction. Confirming twice is harmless; a lapsed hold cannot be confirmed.
 */
export async function confirmHeldBooking(context: ServiceContext, token: string): Promise<{ booking: Booking; manageToken: string }> {
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const found = await findByConfirmationToken(tx, context.secret, token, now);
    if (!found) throw new NotFoundError("booking");
    if (found.state === "confirmed") return { booking: found.booking, manageToken: deriveManageToken(context.secret, found.booking.linkNonce!) };
    if (found.state === "lapsed") throw new AppError("booking_not_active", "hold lapsed");
    const booked = (await tx
      .update(bookings)
      .set({ status: "booked", holdPurpose: null, heldUntil: null, updatedAt: now })
      .where(and(eq(bookings.id, found.booking.id), eq(bookings.status, "held")))
      .returning())[0]!;
    if (!booked) throw new AppError("booking_not_active", "hold changed meanwhile");
    const manageToken = deriveManageToken(context.secret, booked.linkNonce!);
    await notifyCitizen(tx, booked, "booking_confirmation", { manageUrl: manageUrl(context, manageToken) }, { now, canSend: context.canSendMail });
    return { booking: booked, manageToken };
  });
}
