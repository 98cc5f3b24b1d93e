import { relations, sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { COUNTER_NUMBERS, LANGUAGES, QUEUE_ENTRY_KINDS, QUEUE_STATUSES } from "@/lib/domain/enums";
import { instant, updatedAt } from "./_columns";
import { bookings } from "./bookings";
import { concerns } from "./concerns";
import { locations } from "./locations";
import { staffUsers } from "./staff-users";


/** The counter numbers the checks allow, from the one list (raw: a check cannot take bound parameters). */
const counterRange = sql.raw(`${COUNTER_NUMBERS.first} and ${COUNTER_NUMBERS.last}`);
/**
 * The people in a location's hall on one day: appointments that checked in and walk-in tickets. Holds no personal
 * data of its own (a walk-in ticket is anonymous; an appointment's name stays on its booking), so the call display
 * and the ticket page can be built from this table alone.
 */
export const queueEntries = pgTable(
  "queue_entries",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    locationId: integer()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    /** The location's local date the entry belongs to; numbers start again every day. */
    serviceDate: text().notNull(),
    /** Shown on the ticket and the call display, with the kind's letter (lib/domain/queue.ts `ticketLabel`). */
    number: integer().notNull(),
    kind: text({ enum: QUEUE_ENTRY_KINDS }).notNull(),
    bookingId: integer().references(() => bookings.id, { onDelete: "cascade" }),
    /** What a walk-in came for; appointments take their concerns from the booking. */
    concernId: integer().references(() => concerns.id, { onDelete: "set null" }),
    /** SHA-256 of the token in the ticket's status link. */
    statusTokenHash: text().notNull().unique(),
    status: text({ enum: QUEUE_STATUSES }).notNull().default("waiting"),
    /** The counter that called it, or, while waiting, the counter it was transferred to (only that one calls it). */
    counter: integer(),
    language: text({ enum: LANGUAGES }).notNull().default("de"),
    arrivedAt: instant().notNull(),
    /** The first call: waiting time is measured to it. */
    calledAt: instant(),
    /** The latest call or recall: the call display orders by it. */
    lastCalledAt: instant(),
    serviceStartedAt: instant(),
    finishedAt: instant(),
    /** How often it was called: the display shows a recall again. */
    callCount: integer().notNull().default(0),
    calledByUserId: integer().references(() => staffUsers.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("queue_entries_number_unique").on(t.locationId, t.serviceDate, t.number),
    uniqueIndex("queue_entries_booking_unique").on(t.bookingId),
    index("queue_entries_day_status_idx").on(t.locationId, t.serviceDate, t.status),
    check("queue_entries_kind", sql`(${t.kind} = 'appointment') = (${t.bookingId} is not null)`),
    check("queue_entries_counter", sql`${t.counter} is null or ${t.counter} between ${counterRange}`),
  ],
);

/** Concerns a counter serves (e.g. counter 4 does vehicles only). A counter without rows serves every concern. */
export const counterConcerns = pgTable(
  "counter_concerns",
  {
    locationId: integer()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    counter: integer().notNull(),
    concernId: integer()
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.locationId, t.counter, t.concernId] }), check("counter_concerns_counter", sql`${t.counter} between ${counterRange}`)],
);

export const queueEntriesRelations = relations(queueEntries, ({ one }) => ({
  location: one(locations, { fields: [queueEntries.locationId], references: [locations.id] }),
  booking: one(bookings, { fields: [queueEntries.bookingId], references: [bookings.id] }),
  concern: one(concerns, { fields: [queueEntries.concernId], references: [concerns.id] }),
}));

export type QueueEntry = typeof queueEntries.$inferSelect;
export type CounterConcernRow = typeof counterConcerns.$inferSelect;
