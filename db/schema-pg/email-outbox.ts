import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { EMAIL_KINDS, OUTBOX_STATUSES } from "@/lib/domain/enums";
import { createdAt, instant } from "./_columns";
import { bookings } from "./bookings";

export type OutboxAttachment = { filename: string; contentType: string; contentBase64: string };

/**
 * Persistent outbox: the booking transaction writes the message, a worker sends it with retries.
 * A mail failure therefore never loses or blocks a booking.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    kind: text({ enum: EMAIL_KINDS }).notNull(),
    bookingId: integer().references(() => bookings.id, { onDelete: "cascade" }),
    recipient: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    attachments: jsonb().$type<OutboxAttachment[]>().notNull().default([]),
    /**
     * "kept" means no mail transport is configured (demo): the message is only shown on the dev outbox page. "failed"
     * was given up (lib/email/outbox.ts) and is listed for staff until they send it again ("superseded").
     */
    status: text({ enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    /** For a "failed" row: when it was given up (no attempt follows). */
    nextAttemptAt: instant().notNull(),
    /** A worker that claimed the row holds it until then; a crashed worker's claim simply expires. */
    lockedUntil: instant(),
    lastError: text(),
    providerMessageId: text(),
    sentAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt), index("email_outbox_booking_idx").on(t.bookingId)],
);

export type OutboxMessage = typeof emailOutbox.$inferSelect;
export type NewOutboxMessage = typeof emailOutbox.$inferInsert;
