import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { instant } from "./_columns";
import { bookings } from "./bookings";

/**
 * One row per appointment marked "not kept", for the setting that asks citizens who missed several appointments to
 * book by phone (lib/services/no-shows.ts). The booking's personal data is removed after the retention period (days),
 * while this limit looks back months: so the mark keeps only a keyed hash of the mailbox (HMAC with the server
 * secret: a database copy alone does not reveal, nor let anyone test, an address) and when it happened. Marks older
 * than the window are deleted by the retention job.
 */
export const noShowMarks = pgTable(
  "no_show_marks",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    /** Null once the booking row is gone; undoing a mark finds it by this id while the booking exists. */
    bookingId: integer().references(() => bookings.id, { onDelete: "set null" }).unique(),
    mailboxHash: text().notNull(),
    /** The appointment's start: the window counts missed appointments, not the moment staff clicked. */
    occurredAt: instant().notNull(),
  },
  (t) => [index("no_show_marks_mailbox_idx").on(t.mailboxHash, t.occurredAt)],
);

export type NoShowMark = typeof noShowMarks.$inferSelect;
