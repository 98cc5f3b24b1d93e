/**
 * The API's zod schemas: the single source for parsing requests, typing responses and the OpenAPI document
 * (`z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses it). `.meta()` carries what the document shows.
 */
import { z } from "zod";
import type { DayStatus } from "@/lib/domain/availability";
import { BOOKING_STATUSES, DOCUMENT_SCOPES, LANGUAGES } from "@/lib/domain/enums";
import { diffDays, PLAUSIBLE_YEARS } from "@/lib/domain/zoned-time";
import { MAX_RANGE_DAYS } from "@/lib/services/availability";
import { citizenDetailsSchema } from "@/lib/validation/booking";
import { PROBLEM_CODES } from "./problem-types";

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

/** Same shape as the slugs the booking wizard accepts in its URLs. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slugSchema = z.string().max(80).regex(SLUG_PATTERN, { error: "slug_invalid" });

/** More concerns than this in one appointment is not a real request (the wizard stops at the same number). */
export const MAX_CONCERNS_PER_REQUEST = 10;

const hasPlausibleYear = (isoText: string) => {
  const year = Number(isoText.slice(0, 4));
  return year >= PLAUSIBLE_YEARS.first && year <= PLAUSIBLE_YEARS.last;
};

const languageSchema = z.enum(LANGUAGES);
const localDateSchema = z.iso
  .date()
  .refine(hasPlausibleYear, { error: "date_out_of_range" })
  .meta({ description: "Calendar date at the location (YYYY-MM-DD).", examples: ["2026-12-08"] });
const isCountableRange = (from: string | undefined, to: string | undefined) =>
  from !== undefined && to !== undefined && localDateSchema.safeParse(from).success && localDateSchema.safeParse(to).success;

const instantSchema = z.iso.datetime().meta({ description: "Instant in UTC (ISO 8601).", examples: ["2026-12-08T08:00:00.000Z"] });
const hourMinuteSchema = z.string().regex(/^\d{2}:\d{2}$/).meta({ description: "Wall-clock time at the location, HH:MM.", examples: ["08:00"] });

/** One concern of a request: the same rules for the availability query and the booking body. */
const requestedConcernSchema = z.object({
  concern: slugSchema.meta({ description: "Concern slug, see GET /concerns.", examples: ["personalausweis"] }),
  quantity: z
    .int({ error: "quantity_invalid" })
    .min(1, { error: "quantity_invalid" })
    .meta({ description: "How many items, e.g. 2 passports. At most the concern's maxQuantity.", examples: [1] }),
});
const requestedConcernsSchema = z.array(requestedConcernSchema).min(1, { error: "concerns_required" }).max(MAX_CONCERNS_PER_REQUEST);

export type RequestedConcern = z.output<typeof requestedConcernSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Requests

export const languageQuerySchema = z.object({
  lang: languageSchema.default("de").meta({ description: "Language of names and descriptions.", examples: ["en"] }),
});

const CONCERN_LIST_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?::\d+)?(?:,[a-z0-9]+(?:-[a-z0-9]+)*(?::\d+)?)*$/;

/** "personalausweis:1,reisepass:2" → items; a missing quantity means one. */
const concernListParamSchema = z
  .string()
  .max(1000)
  .regex(CONCERN_LIST_PATTERN, { error: "concerns_invalid" })
  // On the string itself, not the pipe: the OpenAPI parameter documents what clients send.
  .meta({
    description: `Concerns with quantities, "slug:quantity" separated by commas (quantity 1 if left out), at most ${MAX_CONCERNS_PER_REQUEST}.`,
    examples: ["personalausweis:1,reisepass:2"],
  })
  .transform((value) =>
    value.split(",").map((part) => {
      const [concern = "", quantity = "1"] = part.split(":");
      return { concern, quantity: Number(quantity) };
    }),
  )
  .pipe(requestedConcernsSchema);

export const availabilityQuerySchema = z
  .object({
    location: slugSchema.meta({ description: "Location slug, see GET /locations.", examples: ["rathaus"] }),
    concerns: concernListParamSchema,
    from: localDateSchema.optional().meta({ description: "First day (location time). Default and minimum: today.", examples: ["2026-12-01"] }),
    to: localDateSchema
      .optional()
      .meta({ description: `Last day (location time), at most ${MAX_RANGE_DAYS} days after from. Default and maximum: the booking horizon.`, examples: ["2026-12-14"] }),
    lang: languageQuerySchema.shape.lang,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ["to"], error: "range_reversed" })
  // zod runs object checks even when a field failed: only count days between dates the calendar code accepts.
  .refine((query) => !isCountableRange(query.from, query.to) || diffDays(query.from!, query.to!) <= MAX_RANGE_DAYS, {
    path: ["to"],
    error: "range_too_long",
  });

export type AvailabilityQuery = z.output<typeof availabilityQuerySchema>;

/**
 * The citizen's details, made from the very field definitions of the booking wizard's form, so the API can never
 * accept what the web flow refuses. Phone and note may also be null, as JSON clients tend to send.
 */
const citizenField = citizenDetailsSchema.shape;
export const apiCitizenSchema = z
  .object({
    name: citizenField.name.meta({ description: "First name and surname.", examples: ["Erika Mustermann"] }),
    email: citizenField.email.meta({ format: "email", description: "The confirmation and the checklist go here.", examples: ["erika@example.org"] }),
    phone: citizenField.phone.nullable().meta({ description: "Optional; digits, spaces and + ( ) / - only.", examples: ["05121 123456"] }),
    note: citizenField.note.nullable().meta({ description: "Optional note to the office, at most 500 characters." }),
  })
  .meta({ description: "Who the appointment is for." });

export const bookingRequestSchema = z
  .object({
    location: slugSchema.meta({ description: "Location slug, see GET /locations.", examples: ["rathaus"] }),
    concerns: requestedConcernsSchema.meta({ description: "Concerns with quantities; every one must be offered at the location." }),
    start: z.iso
      .datetime({ offset: true, error: "start_invalid" })
      .refine(hasPlausibleYear, { error: "start_invalid" })
      .meta({ description: "Start time exactly as GET /availability listed it (ISO 8601 with Z or offset).", examples: ["2026-12-08T08:00:00.000Z"] })
      .transform((value) => new Date(value)),
    citizen: apiCitizenSchema,
    language: languageSchema.default("de").meta({ description: "Language of e-mails and of the booking view." }),
    consent: z.literal(true, { error: "consent_required" }).meta({ description: "The citizen has read the privacy notice (/datenschutz)." }),
  })
  .meta({ description: "An online booking, checked by the same rules as the booking pages." });

export type BookingRequest = z.output<typeof bookingRequestSchema>;

/** A client's own retry key: the same key (and e-mail) returns the booking made first instead of a second one. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/)
  .meta({ description: "8–100 characters A–Z, a–z, 0–9, _ and -; a fresh random value (e.g. a UUID) per booking.", examples: ["3f2b8c1e-9d4a-4e7b-a1c2-5d6e7f809a1b"] });

export const manageTokenSchema = z.string().min(1).max(200).meta({ description: "The manage token returned when booking." });

export const cancelRequestSchema = z
  .object({ manageToken: manageTokenSchema })
  .meta({ description: "Alternative to the X-Manage-Token header for clients that cannot set headers." });

// ---------------------------------------------------------------------------------------------------------------
// Responses

const localizedSlugSchema = z.object({ slug: z.string(), name: z.string() });

export const concernSchema = z.object({
  slug: z.string().meta({ examples: ["personalausweis"] }),
  category: localizedSlugSchema,
  name: z.string(),
  description: z.string(),
  durationMinutes: z.int().meta({ description: "Counter time per item." }),
  feeCents: z.int().nullable().meta({ description: "Fee per item in euro cents; null: free of charge." }),
  feeNote: z.string().nullable(),
  maxQuantity: z.int(),
  leikaKey: z.string().nullable().meta({ description: "Key in the federal service catalogue (LeiKa), where known." }),
  documents: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      hint: z.string().nullable(),
      scope: z.enum(DOCUMENT_SCOPES).meta({ description: "Needed per person the concern is for, per application, or once per visit." }),
      count: z.int(),
      condition: z.string().nullable().meta({ description: "Null: always needed; otherwise when it is needed (\"Nur wenn …\")." }),
    }),
  ),
  forms: z.array(z.object({ title: z.string(), url: z.url() })),
  locations: z.array(z.string()).meta({ description: "Slugs of the locations offering this concern." }),
});

export const concernListSchema = z.object({ concerns: z.array(concernSchema) });

const hoursSchema = z.object({
  weekday: z.int().min(1).max(7).meta({ description: "ISO weekday, 1 = Monday." }),
  start: hourMinuteSchema,
  end: hourMinuteSchema,
});

export const locationSchema = z.object({
  slug: z.string().meta({ examples: ["rathaus"] }),
  name: z.string(),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }),
  timeZone: z.string().meta({ examples: ["Europe/Berlin"] }),
  federalState: z.string().meta({ description: "Two-letter federal state code; decides the public holidays.", examples: ["NI"] }),
  phone: z.string(),
  email: z.string(),
  directions: z.string().nullable(),
  openingHours: z.array(hoursSchema),
  walkInHours: z.array(hoursSchema).meta({ description: "Hours kept for visitors without an appointment." }),
  concerns: z.array(z.string()).meta({ description: "Slugs of the concerns offered here." }),
});

export const locationListSchema = z.object({ locations: z.array(locationSchema) });

const DAY_STATUSES = [
  "available",
  "past",
  "too_soon",
  "beyond_horizon",
  "holiday",
  "closed",
  "closure",
  "no_capacity",
  "fully_booked",
] as const satisfies readonly DayStatus[];
// Fails to compile when the engine gains a status this list does not name.
const everyDayStatusListed: Exclude<DayStatus, (typeof DAY_STATUSES)[number]> extends never ? true : false = true;
void everyDayStatusListed;

export const slotSchema = z.object({
  start: instantSchema,
  end: instantSchema,
  remaining: z.int().meta({ description: "How many more appointments fit at this time." }),
});

export const availabilityDaySchema = z.object({
  date: localDateSchema,
  weekday: z.int().min(1).max(7),
  status: z.enum(DAY_STATUSES).meta({ description: "Why a day has no times: past, too_soon, holiday, closed, closure, no_capacity, fully_booked, …" }),
  holiday: z.object({ key: z.string(), name: z.string() }).nullable(),
  slots: z.array(slotSchema).meta({ description: "Bookable start times; empty unless status is available." }),
});

export const availabilitySchema = z.object({
  location: z.string().meta({ examples: ["rathaus"] }),
  durationMinutes: z.int().meta({ description: "Length of the appointment for these concerns." }),
  from: localDateSchema,
  to: localDateSchema,
  firstAvailableDate: localDateSchema.nullable(),
  days: z.array(availabilityDaySchema),
});

export const bookingViewSchema = z.object({
  referenceCode: z.string().meta({ examples: ["KM4T-9QXA"] }),
  status: z.enum(BOOKING_STATUSES).meta({
    description:
      "\"held\" when the office asks online bookings to be confirmed by e-mail (double opt-in): the citizen confirms through the link in the mail before heldUntil; the manage link works from then on.",
  }),
  heldUntil: instantSchema.nullable().meta({ description: "Until when a held booking waits for its confirmation; null otherwise." }),
  language: languageSchema,
  start: instantSchema,
  end: instantSchema,
  location: z.object({
    slug: z.string(),
    name: z.string(),
    address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }),
  }),
  items: z.array(z.object({ concern: z.string(), name: z.string(), quantity: z.int() })),
  checklist: z
    .array(z.object({ key: z.string(), name: z.string(), hint: z.string().nullable(), quantity: z.int() }))
    .meta({ description: "What to bring always, merged over all concerns." }),
  conditionalChecklist: z
    .array(z.object({ key: z.string(), name: z.string(), hint: z.string().nullable(), quantity: z.int(), conditions: z.array(z.string()) }))
    .meta({ description: "What to bring only in certain cases, each with the conditions (\"Nur wenn …\")." }),
  totalFeeCents: z.int().nullable(),
  canChange: z.boolean().meta({ description: "Whether the booking can still be cancelled online." }),
  changeCutoff: instantSchema.meta({ description: "Online changes are possible until this instant." }),
});

export const bookingCreatedSchema = z.object({
  booking: bookingViewSchema,
  manageToken: z.string().meta({ description: "Secret for GET and DELETE /bookings/current. Shown once; keep it safe." }),
  manageUrl: z.url().meta({ description: "The citizen's page for this booking (also in the confirmation e-mail)." }),
});

/**
 * A proof-of-work challenge as GET /challenge issues it (ALTCHA, altcha-lib v2): a client passes it unchanged to the
 * library's solver and sends it back with the solution. Fields the library may add are passed through.
 */
export const altchaChallengeSchema = z
  .object({
    parameters: z.looseObject({
      algorithm: z.string().meta({ examples: ["SHA-256"] }),
      nonce: z.string(),
      salt: z.string(),
      cost: z.int(),
      keyLength: z.int(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    }),
    signature: z.string(),
  })
  .meta({ description: "An ALTCHA challenge: solve it with the ALTCHA library (e.g. altcha-lib's solveChallenge) and send it back with the solution." });

export const challengeResponseSchema = z.object({
  challenge: altchaChallengeSchema,
  validForSeconds: z.int().meta({ description: "How long after issue a solution is accepted." }),
});

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "Link to the explanation of this problem type." }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES),
    errors: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "One entry per invalid field or concern." }),
    alternatives: z.array(instantSchema).optional().meta({ description: "slot_taken: the nearest free start times." }),
  })
  .meta({ description: "RFC 9457 problem details." });

export type BookingView = z.output<typeof bookingViewSchema>;
export type ProblemBody = z.output<typeof problemSchema>;
