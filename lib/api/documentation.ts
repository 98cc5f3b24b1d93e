/**
 * What the human-readable API page shows per endpoint: parameters, an example call and answer, and the possible
 * responses. Texts live in the `apiDocs` message catalogue under the keys named here; examples are the same objects
 * the OpenAPI document carries.
 */
import {
  availabilityExample,
  bookingCreatedExample,
  bookingRequestExample,
  bookingViewExample,
  cancelledViewExample,
  challengeResponseExample,
  concernListExample,
  locationListExample,
} from "./examples";
import type { ProblemCode } from "./problem-types";
import type { ApiLimitGroup } from "./rate-limits";

export type ParameterLocation = "query" | "header" | "body";
export type DocumentedParameter = { name: string; in: ParameterLocation; required: boolean; textKey: string };
export type DocumentedResponse = { status: number; textKey?: string; problems?: ProblemCode[] };
export type DocumentedEndpoint = {
  id: string;
  method: "GET" | "POST" | "DELETE";
  path: string;
  limit: ApiLimitGroup;
  parameters: DocumentedParameter[];
  exampleRequest: (baseUrl: string) => string;
  exampleResponse: unknown;
  responses: DocumentedResponse[];
};

const TOKEN_PLACEHOLDER = "<manageToken>";
const PROOF_PLACEHOLDER = "<altchaPayload>";
const LANGUAGE_PARAMETER: DocumentedParameter = { name: "lang", in: "query", required: false, textKey: "lang" };
/**
 * Every endpoint: its rate limit, and a database too busy to answer in time (a write waited too long for its lock,
 * or a request found no free connection during a burst; nothing was changed).
 */
const COMMON_PROBLEMS: DocumentedResponse[] = [
  { status: 429, problems: ["rate_limited"] },
  { status: 503, problems: ["busy"] },
];

export const DOCUMENTED_ENDPOINTS: DocumentedEndpoint[] = [
  {
    id: "listConcerns",
    method: "GET",
    path: "/concerns",
    limit: "read",
    parameters: [LANGUAGE_PARAMETER],
    exampleRequest: (base) => `curl "${base}/concerns?lang=de"`,
    exampleResponse: concernListExample,
    responses: [{ status: 200, textKey: "concerns" }, { status: 400, problems: ["invalid_query"] }, ...COMMON_PROBLEMS],
  },
  {
    id: "listLocations",
    method: "GET",
    path: "/locations",
    limit: "read",
    parameters: [LANGUAGE_PARAMETER],
    exampleRequest: (base) => `curl "${base}/locations?lang=de"`,
    exampleResponse: locationListExample,
    responses: [{ status: 200, textKey: "locations" }, { status: 400, problems: ["invalid_query"] }, ...COMMON_PROBLEMS],
  },
  {
    id: "getAvailability",
    method: "GET",
    path: "/availability",
    limit: "availability",
    parameters: [
      { name: "location", in: "query", required: true, textKey: "location" },
      { name: "concerns", in: "query", required: true, textKey: "concerns" },
      { name: "from", in: "query", required: false, textKey: "from" },
      { name: "to", in: "query", required: false, textKey: "to" },
      LANGUAGE_PARAMETER,
    ],
    exampleRequest: (base) => `curl "${base}/availability?location=rathaus&concerns=personalausweis:1,reisepass:2&from=2026-12-07&to=2026-12-08"`,
    exampleResponse: availabilityExample,
    responses: [
      { status: 200, textKey: "availability" },
      { status: 400, problems: ["invalid_query"] },
      { status: 404, problems: ["not_found"] },
      { status: 422, problems: ["request_invalid"] },
      ...COMMON_PROBLEMS,
    ],
  },
  {
    id: "getChallenge",
    method: "GET",
    path: "/challenge",
    limit: "read",
    parameters: [],
    exampleRequest: (base) => `curl "${base}/challenge"`,
    exampleResponse: challengeResponseExample,
    responses: [{ status: 200, textKey: "challenge" }, ...COMMON_PROBLEMS],
  },
  {
    id: "createBooking",
    method: "POST",
    path: "/bookings",
    limit: "booking",
    parameters: [
      { name: "Altcha", in: "header", required: false, textKey: "altcha" },
      { name: "X-Api-Key", in: "header", required: false, textKey: "apiKey" },
      { name: "Idempotency-Key", in: "header", required: false, textKey: "idempotencyKey" },
      { name: "location", in: "body", required: true, textKey: "bodyLocation" },
      { name: "concerns", in: "body", required: true, textKey: "bodyConcerns" },
      { name: "start", in: "body", required: true, textKey: "start" },
      { name: "citizen.name", in: "body", required: true, textKey: "citizenName" },
      { name: "citizen.email", in: "body", required: true, textKey: "citizenEmail" },
      { name: "citizen.phone", in: "body", required: false, textKey: "citizenPhone" },
      { name: "citizen.note", in: "body", required: false, textKey: "citizenNote" },
      { name: "language", in: "body", required: false, textKey: "language" },
      { name: "consent", in: "body", required: true, textKey: "consent" },
    ],
    exampleRequest: (base) =>
      [
        `curl -X POST "${base}/bookings" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -H "Altcha: ${PROOF_PLACEHOLDER}" \\`,
        `  -H "Idempotency-Key: 3f2b8c1e-9d4a-4e7b-a1c2-5d6e7f809a1b" \\`,
        `  -d '${JSON.stringify(bookingRequestExample, null, 2).replace(/\n/g, "\n  ")}'`,
      ].join("\n"),
    exampleResponse: bookingCreatedExample,
    responses: [
      { status: 201, textKey: "created" },
      { status: 200, textKey: "repeated" },
      { status: 400, problems: ["invalid_json", "invalid_content_type", "invalid_header"] },
      { status: 401, problems: ["challenge_required", "api_key_invalid"] },
      { status: 403, problems: ["challenge_invalid"] },
      { status: 404, problems: ["not_found"] },
      { status: 409, problems: ["slot_taken", "challenge_used"] },
      { status: 413, problems: ["body_too_large"] },
      { status: 422, problems: ["validation", "request_invalid", "too_many_active_bookings", "too_many_no_shows", "idempotency_key_reused"] },
      ...COMMON_PROBLEMS,
    ],
  },
  {
    id: "getBooking",
    method: "GET",
    path: "/bookings/current",
    limit: "manage",
    parameters: [{ name: "X-Manage-Token", in: "header", required: true, textKey: "manageToken" }],
    exampleRequest: (base) => `curl "${base}/bookings/current" \\\n  -H "X-Manage-Token: ${TOKEN_PLACEHOLDER}"`,
    exampleResponse: bookingViewExample,
    responses: [
      { status: 200, textKey: "booking" },
      { status: 400, problems: ["token_missing"] },
      { status: 404, problems: ["not_found"] },
      ...COMMON_PROBLEMS,
    ],
  },
  {
    id: "cancelBooking",
    method: "DELETE",
    path: "/bookings/current",
    limit: "manage",
    parameters: [
      { name: "X-Manage-Token", in: "header", required: false, textKey: "manageToken" },
      { name: "manageToken", in: "body", required: false, textKey: "manageTokenBody" },
    ],
    exampleRequest: (base) => `curl -X DELETE "${base}/bookings/current" \\\n  -H "X-Manage-Token: ${TOKEN_PLACEHOLDER}"`,
    exampleResponse: cancelledViewExample,
    responses: [
      { status: 200, textKey: "cancelled" },
      { status: 400, problems: ["token_missing", "invalid_json", "invalid_content_type"] },
      { status: 404, problems: ["not_found"] },
      { status: 409, problems: ["cutoff_passed", "booking_not_active"] },
      { status: 413, problems: ["body_too_large"] },
      { status: 422, problems: ["validation"] },
      ...COMMON_PROBLEMS,
    ],
  },
];
