/**
 * The no-show rule: an office may ask an e-mail address that missed `noShowLimit` appointments within the last
 * `noShowWindowMonths` to book by phone instead of online (settings; 0 = off). Staff marking an appointment "not kept"
 * (at the workstation, or "absent" when called in the hall) leaves a mark; undoing it removes the mark. A no-show frees
 * nothing: its time has passed. Marks keep only a keyed hash of the mailbox (db/schema/no-show-marks.ts), so the rule
 * outlives the booking's personal data without keeping the address.
 */
import { createHmac } from "node:crypto";
import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTransaction, DbTransaction } from "@/db/client";
import { instantParam } from "@/db/engine";
import { preparedOnce } from "@/db/prepared";
import { bookings, noShowMarks, type Settings } from "@/db/schema";

export function noShowMailboxHash(secret: string, mailbox: string): string {
  return createHmac("sha256", secret).update(`no-show:${mailbox}`, "utf8").digest("base64url");
}

/**
 * Makes the booking's mark match its status: present while it is "no_show" and has a mailbox, absent otherwise. Called
 * in the transaction of every status change that can enter or leave "no_show".
 */
export async function syncNoShowMark(tx: DbTransaction, secret: string, bookingId: number): Promise<void> {
  const booking = (await tx
    .select({ status: bookings.status, mailbox: bookings.mailbox, startsAt: bookings.startsAt })
    .from(bookings)
    .where(eq(bookings.id, bookingId)))[0];
  if (booking?.status === "no_show" && booking.mailbox) {
    await tx.insert(noShowMarks)
      .values({ bookingId, mailboxHash: noShowMailboxHash(secret, booking.mailbox), occurredAt: booking.startsAt })
      .onConflictDoNothing({ target: noShowMarks.bookingId });
  } else {
    await tx.delete(noShowMarks).where(eq(noShowMarks.bookingId, bookingId));
  }
}

/** The start of the rule's window: the same day and time `months` calendar months before (the 31st → the month's end). */
export function noShowWindowStart(now: Date, months: number): Date {
  const start = new Date(now.getTime());
  const day = start.getUTCDate();
  start.setUTCDate(1);
  start.setUTCMonth(start.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
  start.setUTCDate(Math.min(day, lastDay));
  return start;
}

/** Whether online booking should send this mailbox to the phone; always false while the rule is off. */
export async function hasReachedNoShowLimit(db: DbOrTransaction, secret: string, settings: Settings, mailbox: string, now: Date): Promise<boolean> {
  if (settings.noShowLimit <= 0) return false;
  // Runs in every online booking's transaction: prepared once per connection (db/prepared.ts).
  const statement = preparedOnce(db, "count-no-show-marks", (d) =>
    d
      .select({ n: count() })
      .from(noShowMarks)
      .where(and(eq(noShowMarks.mailboxHash, sql.placeholder("mailboxHash")), gte(noShowMarks.occurredAt, sql.placeholder("since"))))
      .prepare(),
  );
  const [row] = await statement.execute({ mailboxHash: noShowMailboxHash(secret, mailbox), since: instantParam(noShowWindowStart(now, settings.noShowWindowMonths)) });
  return (row?.n ?? 0) >= settings.noShowLimit;
}

/** Retention: marks older than the window serve no rule any more. Returns how many were deleted. */
export async function deleteExpiredNoShowMarks(tx: DbTransaction, settings: Settings, now: Date): Promise<number> {
  const deleted = await tx
    .delete(noShowMarks)
    .where(lt(noShowMarks.occurredAt, noShowWindowStart(now, settings.noShowWindowMonths)))
    .returning({ id: noShowMarks.id });
  return deleted.length;
}
