/**
 * Reminder e-mails before appointments (issue 12). A background pass (lib/services/background-jobs.ts) looks for
 * bookings whose reminder is due and queues one e-mail each through the outbox.
 *
 * Exactly once, also with several processes and after a restart: each reminder is one BEGIN IMMEDIATE transaction
 * that sets `reminderSentAt` only where it is still null and queues the mail only if that changed the row. A pass
 * that was missed (the app was down at the due time) is simply made up by the next one, as long as the appointment
 * has not begun.
 *
 * Who gets one: an active booking ("booked") with an e-mail address, at a location with reminders switched on, whose
 * current time was chosen (booked, or last moved) before the reminder's due time; a move clears `reminderSentAt`
 * (lib/services/bookings.ts), so the new time gets its own reminder if its due time is still ahead. The mail carries
 * the checklist, the manage link (the same link the citizen already has, lib/services/manage-link.ts), a link to the
 * cancel confirmation page (while online cancelling is still allowed) and a calendar file without an alarm.
 */
import { isPostgres } from "@/db/engine";
import { and, eq, gt, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { getSettings } from "@/db/queries/settings";
import { bookings, locations, type Booking, type Location } from "@/db/schema";
import { isReminderDue, reminderDueAt } from "@/lib/domain/reminders";
import { notifyCitizen } from "./booking-details";
import { citizenChangeRules } from "./bookings";
import { cancelUrl, manageUrl, type ServiceContext } from "./context";
import { manageTokenForMail } from "./manage-link";
import { inWriteTransaction } from "@/db/transaction";

const DAY_MS = 24 * 60 * 60_000;

type Candidate = { booking: Booking; location: Pick<Location, "timeZone" | "reminderDaysBefore" | "reminderHour" | "remindersEnabled"> };

/** Queues every reminder that is due now. Returns how many were queued (0 when another process was quicker). */
export async function queueDueReminders(context: ServiceContext): Promise<number> {
  const now = context.now();
  let queued = 0;
  for (const candidate of await candidates(context.db, now)) {
    if (!isDue(candidate, now)) continue;
    try {
      if (await queueReminder(context, candidate.booking.id)) queued += 1;
    } catch (error) {
      // One booking that cannot be written about must not hold up everyone else's reminder; it is tried again next pass.
      console.error(`reminder for booking ${candidate.booking.id} failed:`, error instanceof Error ? error.name : "unknown");
    }
  }
  return queued;
}

/**
 * Queues the reminder for one booking if it is still due, in one transaction. The row is read again inside it: the
 * booking may have been cancelled or moved, or the location's reminders switched off, since the pass looked.
 */
export async function queueReminder(context: ServiceContext, bookingId: number): Promise<boolean> {
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const [candidate] = await candidates(tx, now, bookingId);
    if (!candidate || !isDue(candidate, now)) return false;
    const marked = (await tx
      .update(bookings)
      .set({ reminderSentAt: now })
      .where(and(eq(bookings.id, bookingId), isNull(bookings.reminderSentAt), eq(bookings.status, "booked")))
      .returning())[0]!;
    if (!marked) return false;
    const link = await manageTokenForMail(tx, context, marked);
    const mayCancel = citizenChangeRules(link.booking, await getSettings(tx), now).canChange;
    await notifyCitizen(
        tx,
        link.booking,
        "booking_reminder",
        {
          manageUrl: manageUrl(context, link.token),
          cancelUrl: mayCancel ? cancelUrl(context, link.token) : undefined,
          linkReplaced: link.replaced,
        },
        { now, canSend: context.canSendMail },
      );
    return true;
  });
}

function isDue({ booking, location }: Candidate, now: Date): boolean {
  if (!location.remindersEnabled) return false;
  const dueAt = reminderDueAt(booking.startsAt, { daysBefore: location.reminderDaysBefore, hour: location.reminderHour }, location.timeZone);
  return isReminderDue({ startsAt: booking.startsAt, scheduledAt: booking.rescheduledAt ?? booking.createdAt, dueAt, now });
}

/**
 * Bookings that may need a reminder now: the rough cut in SQL (appointments from now until a little more than the
 * location's lead days ahead, so local dates and the hour never fall outside), the exact rule in lib/domain/reminders.ts.
 */
async function candidates(db: DbOrTransaction, now: Date, bookingId?: number): Promise<Candidate[]> {
  return await db
    .select({
      booking: bookings,
      location: {
        timeZone: locations.timeZone,
        reminderDaysBefore: locations.reminderDaysBefore,
        reminderHour: locations.reminderHour,
        remindersEnabled: locations.remindersEnabled,
      },
    })
    .from(bookings)
    .innerJoin(locations, eq(locations.id, bookings.locationId))
    .where(
      and(
        bookingId === undefined ? undefined : eq(bookings.id, bookingId),
        eq(bookings.status, "booked"),
        isNull(bookings.reminderSentAt),
        isNull(bookings.anonymizedAt),
        isNotNull(bookings.email),
        eq(locations.remindersEnabled, true),
        gt(bookings.startsAt, now),
        lte(bookings.startsAt, reminderWindowEnd(now)),
      ),
    );
}

/** A generous upper bound for the candidates: each location's reminder lead plus two days, in the engine's own terms. */
function reminderWindowEnd(now: Date) {
  return isPostgres
    ? sql`${now}::timestamptz + make_interval(days => ${locations.reminderDaysBefore} + 2)`
    : sql`${now.getTime()} + (${locations.reminderDaysBefore} + 2) * ${DAY_MS}`;
}
