import { sql } from "drizzle-orm";
import { check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { SLOT_GRID_MINUTES } from "@/lib/domain/enums";
import { instant, updatedAt } from "./_columns";

/** One row (id = 1): booking rules and the office's public contact data. */
export const settings = pgTable(
  "settings",
  {
    /**
     * DEFAULT 1 stands in for SQLite's rowid (an INTEGER PRIMARY KEY there is filled in, and in an empty table with
     * 1), so an insert may leave the id out on both engines; settings_singleton allows no other value anyway.
     */
    id: integer().primaryKey().default(1),
    /** Minimum time between booking and appointment for online bookings. */
    leadTimeMinutes: integer().notNull().default(120),
    /** How many days ahead citizens can book. */
    horizonDays: integer().notNull().default(56),
    slotGridMinutes: integer().notNull().default(10),
    /** Citizens can cancel or move their appointment until this many minutes before it starts. */
    cancellationCutoffMinutes: integer().notNull().default(120),
    maxActiveBookingsPerEmail: integer().notNull().default(3),
    /**
     * Online booking asks an e-mail address that missed this many appointments within `noShowWindowMonths` to call
     * instead; 0 switches the rule off (the default: an office decides to use it and says so in its privacy notice).
     */
    noShowLimit: integer().notNull().default(0),
    noShowWindowMonths: integer().notNull().default(6),
    /** Personal data is removed this many days after the appointment. */
    retentionDays: integer().notNull().default(14),
    officeName: text().notNull().default("Bürgerbüro"),
    operatorName: text().notNull().default(""),
    operatorStreet: text().notNull().default(""),
    operatorPostalCode: text().notNull().default(""),
    operatorCity: text().notNull().default(""),
    operatorRepresentative: text().notNull().default(""),
    contactPhone: text().notNull().default(""),
    contactEmail: text().notNull().default(""),
    /** Contact for accessibility feedback (Erklärung zur Barrierefreiheit). */
    accessibilityContactEmail: text().notNull().default(""),
    dataProtectionOfficer: text().notNull().default(""),
    supervisoryAuthority: text().notNull().default(""),
    vatId: text().notNull().default(""),
    /**
     * Sites allowed to show the booking pages in a frame (the town's own website), as origins separated by spaces,
     * e.g. "https://www.musterstadt.de". Empty: no site may (frame-ancestors 'none').
     */
    frameAncestors: text().notNull().default(""),
    /** How long a time offered to a waiting-list entry is held for the citizen to accept it (1–72, checked by the admin form). */
    offerHoldHours: integer().notNull().default(12),
    /**
     * Double opt-in for online bookings: when above 0, an online booking holds its time this many minutes until the
     * citizen confirms it through the e-mailed link (lib/services/booking-confirmation.ts); 0 (default) books at once.
     */
    bookingConfirmationMinutes: integer().notNull().default(0),
    /** When a test e-mail last went out successfully from the setup checklist; null until then. */
    mailTestedAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("settings_singleton", sql`${t.id} = 1`),
    check("settings_positive", sql`${t.leadTimeMinutes} >= 0 and ${t.horizonDays} >= 1 and ${t.cancellationCutoffMinutes} >= 0 and ${t.maxActiveBookingsPerEmail} >= 1 and ${t.retentionDays} >= 1`),
    check("settings_grid", sql`${t.slotGridMinutes} in (${sql.raw(SLOT_GRID_MINUTES.join(", "))})`),
  ],
);

export type Settings = typeof settings.$inferSelect;
