// The single definition of every enumerated value. The database schema, zod schemas and UI all derive from these.

export const LANGUAGES = ["de", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * "held": a time kept for one citizen until a deadline (`bookings.heldUntil`): a waiting-list offer not yet accepted.
 * "released": a hold that ended without becoming an appointment (declined, not answered in time, the entry left the
 * list). Neither is an appointment: statistics leave both out, so an offer nobody took is not counted as a
 * cancellation.
 */
export const BOOKING_STATUSES = ["booked", "checked_in", "done", "no_show", "cancelled", "held", "released"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/**
 * Statuses that occupy capacity. A checked-in or finished appointment still took its time at the counter. A hold
 * occupies its time until the background job releases it (lib/services/waiting-list/offers.ts): a hold past its
 * deadline keeps blocking for that last minute, so the time it frees goes to the waiting list first, never to whoever
 * happens to book in between.
 */
export const CAPACITY_HOLDING_STATUSES: readonly BookingStatus[] = ["booked", "checked_in", "done", "no_show", "held"];
/** Statuses of appointments (statistics, exports count these); holds and released holds never were appointments. */
export const APPOINTMENT_STATUSES: readonly BookingStatus[] = ["booked", "checked_in", "done", "no_show", "cancelled"];

/**
 * Why a time is held: an offer to a waiting-list entry, or an online booking waiting for the citizen to confirm it
 * through the e-mailed link (double opt-in, settings.bookingConfirmationMinutes).
 */
export const HOLD_PURPOSES = ["offer", "confirmation"] as const;
export type HoldPurpose = (typeof HOLD_PURPOSES)[number];

/**
 * A waiting-list entry's way: signed up but the e-mail not yet confirmed, waiting for a time, or holding an offer.
 * An entry that ends (booked, left, expired, unconfirmed too long) is deleted with its personal data; its offers stay
 * as released or booked bookings.
 */
export const WAITING_LIST_STATUSES = ["unconfirmed", "active", "offered"] as const;
export type WaitingListStatus = (typeof WAITING_LIST_STATUSES)[number];

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

/**
 * "booking_reminder": before the appointment (lib/services/reminders.ts); "manage_link": the link sent again on request;
 * "waiting_list_confirm" and "waiting_list_offer": the waiting list's double opt-in and its offers (lib/services/waiting-list).
 */
export const EMAIL_KINDS = [
  "booking_confirmation",
  "booking_cancelled",
  "booking_rescheduled",
  "closure_apology",
  "booking_reminder",
  "manage_link",
  "waiting_list_confirm",
  "waiting_list_offer",
  "booking_confirm_request",
] as const;
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

/**
 * Who decides a staff account's role and access when it signs in through single sign-on (lib/auth/sso-sign-in.ts):
 * - `pending`: made at a first sign-in that brought no role; inactive until an admin approves it (or the identity
 *   provider's role claim grants a role, if role mapping is configured);
 * - `claim`: role and access follow the role claim at every sign-in;
 * - `claim_removed`: the role claim no longer grants a role; inactive until it does again or an admin reactivates it;
 * - `admin`: an admin approved, changed or (de)activated the account. A missing claim changes nothing then, a claim
 *   that grants a role takes over again, and an admin's deactivation is never undone by a claim.
 */
export const SSO_ACCESS_STATES = ["pending", "claim", "claim_removed", "admin"] as const;
export type SsoAccessState = (typeof SSO_ACCESS_STATES)[number];

/**
 * Time zones an administrator can give a location (locations.timeZone). Every date and time of a location (opening
 * hours, closures, "today", mails, statistics) is read in that location's own zone. Only Germany for now; the
 * engine itself handles any IANA zone.
 */
export const LOCATION_TIME_ZONES = ["Europe/Berlin"] as const;
export type LocationTimeZone = (typeof LOCATION_TIME_ZONES)[number];

/**
 * The installation's default time zone, the one place it is named: a new location starts in it, and it is used only
 * where no location is known: an installation-wide closure, statistics over all locations, staff account and audit
 * times, the dev outbox, the language-wide default of the i18n formatter, and "today" before the first location exists.
 */
export const DEFAULT_TIME_ZONE: LocationTimeZone = LOCATION_TIME_ZONES[0];
