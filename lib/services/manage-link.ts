/**
 * Manage links in e-mails after the confirmation (the reminder, a link sent again on request).
 *
 * Only the token's hash is stored, so a later e-mail cannot simply repeat the link. Instead the booking keeps the
 * nonce its token was derived from with the server secret (`linkNonce`): without the secret the nonce is worthless, so
 * a leaked database still reveals no working link, and with it the same token comes out again, so the link the
 * citizen already has keeps working. Where that fails (a row from before the nonce existed, or a changed server
 * secret), a new nonce replaces the token: the new e-mail carries a working link and says that older ones stopped.
 */
import { eq } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { bookings, type Booking } from "@/db/schema";
import { mailboxOf } from "@/lib/domain/mailbox";
import { notifyCitizen } from "./booking-details";
import { manageUrl, type ServiceContext } from "./context";
import { deriveManageToken, generateFormNonce, hashManageToken, normalizeReferenceCode } from "@/lib/booking-tokens";
import { inWriteTransaction } from "@/db/transaction";

export type MailLink = { token: string; booking: Booking; replaced: boolean };

export async function manageTokenForMail(tx: DbOrTransaction, context: Pick<ServiceContext, "secret" | "now">, booking: Booking): Promise<MailLink> {
  if (booking.linkNonce !== null) {
    const token = deriveManageToken(context.secret, booking.linkNonce);
    if (hashManageToken(token) === booking.manageTokenHash) return { token, booking, replaced: false };
  }
  return { ...await replaceManageLink(tx, context, booking.id), replaced: true };
}

/** A new link for the booking: the old one stops working (a mistyped address corrected by staff, a lost secret). */
export async function replaceManageLink(tx: DbOrTransaction, context: Pick<ServiceContext, "secret" | "now">, bookingId: number, changes: Partial<Pick<Booking, "email" | "mailbox">> = {}): Promise<{ token: string; booking: Booking }> {
  const linkNonce = `reissued:${generateFormNonce()}`;
  const token = deriveManageToken(context.secret, linkNonce);
  const booking = (await tx
    .update(bookings)
    .set({ ...changes, linkNonce, manageTokenHash: hashManageToken(token), updatedAt: context.now() })
    .where(eq(bookings.id, bookingId))
    .returning())[0]!;
  return { token, booking };
}

/**
 * "Termin verwalten" without the link: booking number (any spelling) and e-mail address. If they belong to an active
 * future booking (the address as entered, in any case, or another spelling of the same mailbox), the manage link goes
 * out again through the outbox, to the booking's own address, never to the one typed. Returns nothing, so no caller
 * can answer differently for a known and an unknown pair.
 */
export async function sendManageLinkAgain(context: ServiceContext, request: { referenceCode: string; email: string }): Promise<void> {
  const referenceCode = normalizeReferenceCode(request.referenceCode);
  if (!referenceCode) return;
  const typed = request.email.trim().toLowerCase();
  const now = context.now();
  await inWriteTransaction(context.db, async (tx) => {
    const booking = (await tx.select().from(bookings).where(eq(bookings.referenceCode, referenceCode)))[0];
    if (!booking || booking.status !== "booked" || booking.startsAt.getTime() <= now.getTime() || booking.anonymizedAt !== null || !booking.email) return;
    if (booking.email !== typed && booking.mailbox !== mailboxOf(typed)) return;
    const link = await manageTokenForMail(tx, context, booking);
    await notifyCitizen(tx, link.booking, "manage_link", { manageUrl: manageUrl(context, link.token), linkReplaced: link.replaced }, { now, canSend: context.canSendMail });
  });
}
