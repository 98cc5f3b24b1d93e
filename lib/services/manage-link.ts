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
import type { ServiceContext } from "./context";
import { deriveManageToken, generateFormNonce, hashManageToken } from "./secrets";

export type MailLink = { token: string; booking: Booking; replaced: boolean };

export function manageTokenForMail(tx: DbOrTransaction, context: Pick<ServiceContext, "secret" | "now">, booking: Booking): MailLink {
  if (booking.linkNonce !== null) {
    const token = deriveManageToken(context.secret, booking.linkNonce);
    if (hashManageToken(token) === booking.manageTokenHash) return { token, booking, replaced: false };
  }
  return { ...replaceManageLink(tx, context, booking.id), replaced: true };
}

/** A new link for the booking: the old one stops working (a mistyped address corrected by staff, a lost secret). */
export function replaceManageLink(tx: DbOrTransaction, context: Pick<ServiceContext, "secret" | "now">, bookingId: number, changes: Partial<Pick<Booking, "email" | "mailbox">> = {}): { token: string; booking: Booking } {
  const linkNonce = `reissued:${generateFormNonce()}`;
  const token = deriveManageToken(context.secret, linkNonce);
  const booking = tx
    .update(bookings)
    .set({ ...changes, linkNonce, manageTokenHash: hashManageToken(token), updatedAt: context.now() })
    .where(eq(bookings.id, bookingId))
    .returning()
    .get()!;
  return { token, booking };
}
