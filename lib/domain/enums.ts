// The single definition of every enumerated value. The database schema, zod schemas and UI all derive from these.

export const LANGUAGES = ["de", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const BOOKING_STATUSES = ["booked", "checked_in", "done", "no_show", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses that occupy capacity. A checked-in or finished appointment still took its time at the counter. */
export const CAPACITY_HOLDING_STATUSES: readonly BookingStatus[] = ["booked", "checked_in", "done", "no_show"];

export const BOOKING_CHANNELS = ["online", "phone", "walk_in"] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

/** Who is asking for availability: citizens online see only online capacity; staff may also use staff-only counters. */
export const AVAILABILITY_AUDIENCES = ["online", "staff"] as const;
export type AvailabilityAudience = (typeof AVAILABILITY_AUDIENCES)[number];

export const STAFF_ROLES = ["staff", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** "superseded": a failed message that staff sent again as a new message (lib/services/staff/undelivered.ts). */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "kept", "superseded"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** "booking_reminder": before the appointment (lib/services/reminders.ts); "manage_link": the link sent again on request. */
export const EMAIL_KINDS = ["booking_confirmation", "booking_cancelled", "booking_rescheduled", "closure_apology", "booking_reminder", "manage_link"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const SLOT_GRID_MINUTES = [5, 10, 15, 20, 30] as const;

/** Who stands in a location's queue: a citizen with an appointment who checked in, or one who drew a walk-in ticket. */
export const QUEUE_ENTRY_KINDS = ["appointment", "walk_in"] as const;
export type QueueEntryKind = (typeof QUEUE_ENTRY_KINDS)[number];

/**
 * A queue entry's way through the hall (lib/domain/queue.ts has the steps between them): waiting in the hall, called
 * to a counter, being served, parked (stepped aside, e.g. to fetch a document), done, or absent when called.
 */
export const QUEUE_STATUSES = ["waiting", "called", "serving", "parked", "done", "absent"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** Counters are numbered as on the signs above them. */
export const COUNTER_NUMBERS = { first: 1, last: 99 } as const;

/**
 * How often a concern needs a document (lib/domain/checklist.ts merges them): once for each person the concern is for
 * (its quantity; the same people across concerns bring it once: one birth certificate for an ID card and a passport),
 * once for each application (each consumes its own: a photo per ID card and per passport), or once per visit however
 * many concerns ask for it (the ID of whoever comes, a power of attorney).
 */
export const DOCUMENT_SCOPES = ["per_person", "per_application", "once_per_visit"] as const;
export type DocumentScope = (typeof DOCUMENT_SCOPES)[number];
