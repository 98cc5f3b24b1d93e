/**
 * Example requests and responses, shown in the OpenAPI document and on the documentation page. Typed by the schemas
 * and parsed against them in the tests, so the documentation cannot drift from what the API answers.
 */
import type { z } from "zod";
import type {
  availabilitySchema,
  bookingCreatedSchema,
  bookingRequestSchema,
  BookingView,
  challengeResponseSchema,
  concernListSchema,
  locationListSchema,
  ProblemBody,
} from "./schemas";

export const EXAMPLE_PUBLIC_URL = "https://termine.musterstadt.example";

export const concernListExample: z.output<typeof concernListSchema> = {
  concerns: [
    {
      slug: "personalausweis",
      category: { slug: "ausweisdokumente", name: "Ausweisdokumente" },
      name: "Personalausweis beantragen",
      description: "Deutsche Staatsangehörige ab 16 Jahren müssen einen gültigen Personalausweis oder Reisepass besitzen. …",
      durationMinutes: 15,
      feeCents: 3700,
      feeNote: "22,80 € für Antragstellende unter 24 Jahren. …",
      maxQuantity: 4,
      leikaKey: null,
      documents: [
        { key: "previous-id-document", name: "Bisheriger Personalausweis bzw. Reisepass (auch wenn abgelaufen)", hint: "Bitte bei Antrag und Abholung vorlegen. …", scope: "per_person", count: 1, condition: null },
        { key: "biometric-photo", name: "Aktuelles biometrisches Passfoto (digital)", hint: "Nicht älter als sechs Monate. …", scope: "per_application", count: 1, condition: null },
        { key: "birth-certificate", name: "Geburtsurkunde", hint: null, scope: "per_person", count: 1, condition: "Nur beim ersten Ausweisdokument" },
      ],
      forms: [],
      locations: ["rathaus", "nordstadt"],
    },
  ],
};

export const locationListExample: z.output<typeof locationListSchema> = {
  locations: [
    {
      slug: "rathaus",
      name: "Bürgerbüro im Rathaus",
      address: { street: "Rathausplatz 1", postalCode: "31134", city: "Musterstadt" },
      timeZone: "Europe/Berlin",
      federalState: "NI",
      phone: "05121 9876-0",
      email: "buergerbuero@musterstadt.example",
      directions: "Erdgeschoss, Eingang Marktseite. Stufenloser Zugang, Aufzug und barrierefreies WC. …",
      openingHours: [
        { weekday: 1, start: "08:00", end: "12:30" },
        { weekday: 2, start: "08:00", end: "12:30" },
        { weekday: 2, start: "14:00", end: "18:00" },
      ],
      walkInHours: [{ weekday: 3, start: "08:00", end: "10:00" }],
      concerns: ["personalausweis", "reisepass", "anmeldung", "fahrzeugzulassung"],
    },
  ],
};

export const availabilityExample: z.output<typeof availabilitySchema> = {
  location: "rathaus",
  durationMinutes: 50,
  from: "2026-12-07",
  to: "2026-12-08",
  firstAvailableDate: "2026-12-08",
  days: [
    { date: "2026-12-07", weekday: 1, status: "fully_booked", holiday: null, slots: [] },
    {
      date: "2026-12-08",
      weekday: 2,
      status: "available",
      holiday: null,
      slots: [
        { start: "2026-12-08T07:00:00.000Z", end: "2026-12-08T07:50:00.000Z", remaining: 3 },
        { start: "2026-12-08T07:10:00.000Z", end: "2026-12-08T08:00:00.000Z", remaining: 2 },
      ],
    },
  ],
};

export const bookingRequestExample: z.input<typeof bookingRequestSchema> = {
  location: "rathaus",
  concerns: [
    { concern: "personalausweis", quantity: 1 },
    { concern: "reisepass", quantity: 2 },
  ],
  start: "2026-12-08T07:00:00.000Z",
  citizen: { name: "Erika Mustermann", email: "erika@example.org", phone: "05121 123456" },
  language: "de",
  consent: true,
};

export const bookingViewExample: BookingView = {
  referenceCode: "KM4T-9QXA",
  status: "booked",
  heldUntil: null,
  language: "de",
  start: "2026-12-08T07:00:00.000Z",
  end: "2026-12-08T07:50:00.000Z",
  location: { slug: "rathaus", name: "Bürgerbüro im Rathaus", address: { street: "Rathausplatz 1", postalCode: "31134", city: "Musterstadt" } },
  items: [
    { concern: "personalausweis", name: "Personalausweis beantragen", quantity: 1 },
    { concern: "reisepass", name: "Reisepass beantragen", quantity: 2 },
  ],
  checklist: [
    { key: "previous-id-document", name: "Bisheriger Personalausweis bzw. Reisepass (auch wenn abgelaufen)", hint: "Bitte bei Antrag und Abholung vorlegen. …", quantity: 2 },
    { key: "biometric-photo", name: "Aktuelles biometrisches Passfoto (digital)", hint: "Nicht älter als sechs Monate. …", quantity: 3 },
  ],
  conditionalChecklist: [{ key: "birth-certificate", name: "Geburtsurkunde", hint: null, quantity: 2, conditions: ["Nur beim ersten Ausweisdokument"] }],
  totalFeeCents: 17700,
  canChange: true,
  changeCutoff: "2026-12-08T05:00:00.000Z",
};

export const cancelledViewExample: BookingView = { ...bookingViewExample, status: "cancelled", canChange: false };

const EXAMPLE_TOKEN = "Jx8mQ2vT7rWq1nZc4kLp9sYb3hGd6fAe0uRt5iOw2Xk";

export const bookingCreatedExample: z.output<typeof bookingCreatedSchema> = {
  booking: bookingViewExample,
  manageToken: EXAMPLE_TOKEN,
  manageUrl: `${EXAMPLE_PUBLIC_URL}/termin/verwalten/${EXAMPLE_TOKEN}`,
};

/** GET /challenge: the challenge goes to the ALTCHA solver unchanged, then back in the Altcha header with the solution. */
export const challengeResponseExample: z.output<typeof challengeResponseSchema> = {
  challenge: {
    parameters: {
      algorithm: "SHA-256",
      cost: 1,
      data: { bound: "api", issuedAt: 1795503600000, purpose: "booking-api" },
      keyLength: 32,
      keyPrefix: "71da595a68af695088f903ce263e7442",
      keySignature: "f80fcafb480ae744643cdec46cbf1b8f60ae23631c2568df3199e62d487eb65d",
      nonce: "efb4f93069ebfd8a8a0a7c54051fd8fc",
      salt: "8d09d53cd5bf8dc6fb9884f800c63d4e",
    },
    signature: "b448343df92a377a9503800070df6f49593bed3e6ced92e29db9e045b5de8070",
  },
  validForSeconds: 1800,
};

export const slotTakenExample: ProblemBody = {
  type: `${EXAMPLE_PUBLIC_URL}/api-dokumentation#problem-slot_taken`,
  title: "Time no longer available",
  status: 409,
  detail: "This time is no longer free. The nearest free times are listed in alternatives.",
  code: "slot_taken",
  alternatives: ["2026-12-08T07:10:00.000Z", "2026-12-08T06:50:00.000Z", "2026-12-08T07:20:00.000Z"],
};

export const validationProblemExample: ProblemBody = {
  type: `${EXAMPLE_PUBLIC_URL}/api-dokumentation#problem-validation`,
  title: "Invalid request body",
  status: 422,
  detail: "The request body contains invalid values; see errors.",
  code: "validation",
  errors: [
    { field: "citizen.email", code: "email_invalid", message: "Enter an e-mail address in the format name@example.com." },
    { field: "consent", code: "consent_required", message: "Please confirm that you have read the privacy notice." },
  ],
};

export const requestInvalidExample: ProblemBody = {
  type: `${EXAMPLE_PUBLIC_URL}/api-dokumentation#problem-request_invalid`,
  title: "Concerns cannot be booked as requested",
  status: 422,
  detail: 'Concern "fahrzeugzulassung" is not offered at location "nordstadt".',
  code: "request_invalid",
  errors: [{ field: "concerns.0.concern", code: "concern_not_offered", message: 'Concern "fahrzeugzulassung" is not offered at location "nordstadt".' }],
};
