import { relations, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { BOOKING_CHANNELS, BOOKING_STATUSES, HOLD_PURPOSES, LANGUAGES } from "@/lib/domain/enums";
import { createdAt, instant, updatedAt } from "./_columns";
import { concerns } from "./concerns";
import { locations } from "./locations";
import { staffUsers } from "./staff-users";
import { waitingListEntries } from "./waiting-list";

export const bookings = sqliteTable(
  "bookings",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Short, human-readable code to read out on the phone and type at the counter. */
    referenceCode: text().notNull().unique(),
    /** SHA-256 of the manage token; the token itself is never stored. */
    manageTokenHash: text().notNull().unique(),
    /**
     * The nonce the manage token was derived from with the server secret (lib/services/manage-link.ts): later e-mails
     * (reminder, a re-sent link) derive the same token again. Useless without the secret, so a leaked database reveals
     * no working link. Null for rows from before it existed; cleared when personal data is removed.
     */
    linkNonce: text(),
    status: text({ enum: BOOKING_STATUSES }).notNull().default("booked"),
    channel: text({ enum: BOOKING_CHANNELS }).notNull(),
    locationId: integer()
      .notNull()
      .references(() => locations.id),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    /** Counter (Schalter) the citizen was called to; assigned by staff. */
    counter: integer(),
    citizenName: text().notNull(),
    /** Lower-cased; optional for phone bookings. */
    email: text(),
    /** The mailbox the address delivers to (lib/domain/mailbox.ts): what the limit of active bookings per e-mail counts. */
    mailbox: text(),
    phone: text(),
    note: text(),
    language: text({ enum: LANGUAGES }).notNull().default("de"),
    createdByUserId: integer().references(() => staffUsers.id, { onDelete: "set null" }),
    checkedInAt: instant(),
    finishedAt: instant(),
    cancelledAt: instant(),
    /** When the current appointment time was chosen by a move (null: the time chosen at booking, createdAt). */
    rescheduledAt: instant(),
    /**
     * When the reminder e-mail was queued (lib/services/reminders.ts); the statistics compare no-shows with and without.
     * A move clears it, so the new time gets its own reminder if its due time is still ahead.
     */
    reminderSentAt: instant(),
    /** For status "held": until when the time is kept; the background job releases it then. */
    heldUntil: instant(),
    holdPurpose: text({ enum: HOLD_PURPOSES }),
    /** The waiting-list entry this time was offered to (while the entry lives); accept and decline find it by this. */
    waitingListEntryId: integer().references(() => waitingListEntries.id, { onDelete: "set null" }),
    /** Increases with every change (move, cancel), so calendar files replace the older version. */
    revision: integer().notNull().default(0),
    /** Set when personal data was removed after the retention period; the row stays for anonymous statistics. */
    anonymizedAt: instant(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Covers the capacity read of every availability answer and booking (db/queries/locations.ts): the bookings of a
    // location in a time range are found and filtered by the index alone, without reading their rows. At ~400
    // bookings per location-day that read took a third of the time with the index than without (bench/README.md).
    index("bookings_location_start_idx").on(t.locationId, t.startsAt, t.endsAt, t.status, t.channel),
    index("bookings_email_idx").on(t.email, t.status),
    index("bookings_mailbox_idx").on(t.mailbox, t.status),
    index("bookings_starts_at_idx").on(t.startsAt),
    index("bookings_held_until_idx").on(t.status, t.heldUntil),
    index("bookings_waiting_list_entry_idx").on(t.waitingListEntryId),
    check("bookings_range", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export const bookingItems = sqliteTable(
  "booking_items",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    bookingId: integer()
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    concernId: integer()
      .notNull()
      .references(() => concerns.id),
    quantity: integer().notNull(),
    /** Snapshot of the concern at booking time, so catalogue changes leave existing bookings untouched. */
    durationMinutes: integer().notNull(),
    feeCents: integer(),
  },
  // With the concern: the capacity read takes a booking's concerns from the index alone.
  (t) => [index("booking_items_booking_idx").on(t.bookingId, t.concernId), check("booking_items_quantity", sql`${t.quantity} >= 1`)],
);

export const bookingsRelations = relations(bookings, ({ one, many }) => ({
  location: one(locations, { fields: [bookings.locationId], references: [locations.id] }),
  items: many(bookingItems),
  createdBy: one(staffUsers, { fields: [bookings.createdByUserId], references: [staffUsers.id] }),
}));

export const bookingItemsRelations = relations(bookingItems, ({ one }) => ({
  booking: one(bookings, { fields: [bookingItems.bookingId], references: [bookings.id] }),
  concern: one(concerns, { fields: [bookingItems.concernId], references: [concerns.id] }),
}));

export type Booking = typeof bookings.$inferSelect;
export type NewBooking = typeof bookings.$inferInsert;
export type BookingItem = typeof bookingItems.$inferSelect;
