/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that parse requests (JSON Schema 2020-12 via
 * `z.toJSONSchema`). Request schemas are described as clients send them (`io: "input"`: defaults optional, strings
 * before conversion), response schemas as the API returns them.
 */
import { z } from "zod";
import { BUDGETS } from "@/lib/services/rate-limit";
import {
  availabilityExample,
  bookingCreatedExample,
  bookingRequestExample,
  bookingViewExample,
  cancelledViewExample,
  challengeResponseExample,
  concernListExample,
  locationListExample,
  requestInvalidExample,
  slotTakenExample,
  validationProblemExample,
} from "./examples";
import { PROBLEM_TYPES, type ProblemCode } from "./problem-types";
import { API_RATE_LIMITS, describeLimit } from "./rate-limits";
import {
  apiCitizenSchema,
  availabilityDaySchema,
  availabilityQuerySchema,
  availabilitySchema,
  bookingCreatedSchema,
  bookingRequestSchema,
  bookingViewSchema,
  altchaChallengeSchema,
  cancelRequestSchema,
  challengeResponseSchema,
  concernListSchema,
  concernSchema,
  idempotencyKeySchema,
  languageQuerySchema,
  locationListSchema,
  locationSchema,
  problemSchema,
  slotSchema,
} from "./schemas";

type JsonObject = Record<string, unknown>;
type ComponentMeta = { id: string };

const requestComponents = z.registry<ComponentMeta>();
requestComponents.add(bookingRequestSchema, { id: "BookingRequest" });
requestComponents.add(apiCitizenSchema, { id: "Citizen" });
requestComponents.add(cancelRequestSchema, { id: "CancelRequest" });

const responseComponents = z.registry<ComponentMeta>();
for (const [id, schema] of Object.entries({
  Concern: concernSchema,
  ConcernList: concernListSchema,
  Location: locationSchema,
  LocationList: locationListSchema,
  Slot: slotSchema,
  AvailabilityDay: availabilityDaySchema,
  Availability: availabilitySchema,
  BookingView: bookingViewSchema,
  BookingCreated: bookingCreatedSchema,
  AltchaChallenge: altchaChallengeSchema,
  ChallengeResponse: challengeResponseSchema,
  Problem: problemSchema,
})) {
  responseComponents.add(schema, { id });
}

const COMPONENT_URI = (id: string) => `#/components/schemas/${id}`;

/** Components are embedded in the OpenAPI document: they need neither their own dialect marker nor an $id. */
function asComponents(generated: { schemas: Record<string, JsonObject> }): Record<string, JsonObject> {
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
}

function inlineSchema(schema: z.ZodType): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input" }) as JsonObject;
  return rest;
}

const ref = (id: string) => ({ $ref: COMPONENT_URI(id) });

/** Query parameters straight from a query schema's fields: name, whether required, description, example, schema. */
function queryParameters(schema: { shape: Record<string, z.ZodType> }): JsonObject[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, examples, ...fieldSchema } = inlineSchema(field);
    return {
      name,
      in: "query",
      required: !field.safeParse(undefined).success,
      ...(typeof description === "string" ? { description } : {}),
      ...(Array.isArray(examples) && examples.length > 0 ? { example: examples[0] } : {}),
      schema: fieldSchema,
    };
  });
}

const json = (description: string, schemaId: string, example: unknown, headers?: JsonObject) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: ref(schemaId), example } },
});

/** A problem response listing which problem codes it stands for. */
function problem(codes: ProblemCode[], example?: unknown): JsonObject {
  const [first] = codes;
  const status = first ? PROBLEM_TYPES[first].status : 500;
  const list = codes.map((code) => `\`${code}\` (${PROBLEM_TYPES[code].title})`).join(", ");
  return {
    description: `Problem details: ${list}.`,
    ...(status === 429 || status === 503 ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } } : {}),
    content: { "application/problem+json": { schema: ref("Problem"), ...(example ? { example } : {}) } },
  };
}

/** Every endpoint: its rate limit, an error on our side, and a database too busy to answer in time (nothing changed). */
const commonProblems = { "429": problem(["rate_limited"]), "500": problem(["internal_error"]), "503": problem(["busy"]) };


export function buildOpenApiDocument(publicUrl: string): JsonObject {
  const schemas = {
    ...asComponents(z.toJSONSchema(requestComponents, { io: "input", uri: COMPONENT_URI }) as { schemas: Record<string, JsonObject> }),
    ...asComponents(z.toJSONSchema(responseComponents, { io: "output", uri: COMPONENT_URI }) as { schemas: Record<string, JsonObject> }),
  };
  const idempotencyKey = inlineSchema(idempotencyKeySchema);
  const { description: idempotencyDescription, examples: _examples, ...idempotencyKeyJsonSchema } = idempotencyKey;

  return {
    openapi: "3.1.0",
    info: {
      title: "Terminvergabe API",
      version: "1.0.0",
      description:
        "Appointments at the citizens' office: the concern catalogue, locations, free times, and booking, viewing and " +
        "cancelling one's own appointment. Reading needs no authentication. Booking needs either a solved proof-of-work " +
        "challenge from GET /challenge (header Altcha, one per booking) or an API key an administrator issued (header " +
        "X-Api-Key). One's own booking is reached with the manage token returned when booking, sent in a header. Errors " +
        "are RFC 9457 problem details. " +
        `Human-readable documentation: ${publicUrl}/api-dokumentation`,
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    externalDocs: { url: `${publicUrl}/api-dokumentation` },
    tags: [{ name: "catalogue" }, { name: "availability" }, { name: "bookings" }],
    paths: {
      "/concerns": {
        get: {
          operationId: "listConcerns",
          tags: ["catalogue"],
          summary: "Concerns that can be booked",
          description: `Active concerns in display order, with documents to bring, forms and the locations offering them. ${describeLimit(API_RATE_LIMITS.read)}`,
          parameters: queryParameters(languageQuerySchema),
          responses: { "200": json("The concerns.", "ConcernList", concernListExample), "400": problem(["invalid_query"]), ...commonProblems },
        },
      },
      "/locations": {
        get: {
          operationId: "listLocations",
          tags: ["catalogue"],
          summary: "Locations taking bookings",
          description: `Active locations with address, opening hours, walk-in hours and the concerns offered. ${describeLimit(API_RATE_LIMITS.read)}`,
          parameters: queryParameters(languageQuerySchema),
          responses: { "200": json("The locations.", "LocationList", locationListExample), "400": problem(["invalid_query"]), ...commonProblems },
        },
      },
      "/availability": {
        get: {
          operationId: "getAvailability",
          tags: ["availability"],
          summary: "Free start times per day",
          description:
            "Days in the range with their status and bookable start times for the given concerns at one location, as an online " +
            "booking sees them. The range is clipped to what can be booked (today to the booking horizon). " +
            describeLimit(API_RATE_LIMITS.availability),
          parameters: queryParameters(availabilityQuerySchema),
          responses: {
            "200": json("Days with free start times.", "Availability", availabilityExample),
            "400": problem(["invalid_query"]),
            "404": problem(["not_found"]),
            "422": problem(["request_invalid"], requestInvalidExample),
            ...commonProblems,
          },
        },
      },
      "/challenge": {
        get: {
          operationId: "getChallenge",
          tags: ["bookings"],
          summary: "A proof-of-work challenge for one booking",
          description:
            "A challenge to solve before POST /bookings without an API key, with the open-source ALTCHA library (e.g. " +
            "altcha-lib's solveChallenge). Send base64 of the JSON {challenge, solution} in the Altcha header. A solution buys " +
            "one booking and is accepted for validForSeconds after issue; clients that book a lot get harder challenges. " +
            describeLimit(API_RATE_LIMITS.read),
          responses: {
            "200": json("A challenge.", "ChallengeResponse", challengeResponseExample, {
              "Cache-Control": { description: "no-store: every booking needs a challenge of its own.", schema: { type: "string" } },
            }),
            ...commonProblems,
          },
        },
      },
      "/bookings": {
        post: {
          operationId: "createBooking",
          tags: ["bookings"],
          summary: "Book an appointment",
          description:
            "Books a start time from GET /availability, with the same checks as the booking pages, and sends the confirmation " +
            "e-mail. Keep the returned manageToken: it is the only key to the booking. Needs a solved challenge (Altcha) " +
            "or an API key (X-Api-Key). " +
            describeLimit(API_RATE_LIMITS.booking) +
            ` With an API key instead: ${BUDGETS.bookingWithApiKey.points} requests per ${BUDGETS.bookingWithApiKey.durationSeconds / 60} minute(s) per key. ` +
            "Every request also counts against the limit for reads.",
          parameters: [
            {
              name: "Altcha",
              in: "header",
              required: false,
              description:
                "Required without X-Api-Key: base64 of the JSON {challenge, solution}, the challenge from GET /challenge and its " +
                "solution from the ALTCHA library. Each solution buys one booking; a retry with the same Idempotency-Key may " +
                "send the same solution again.",
              schema: { type: "string" },
            },
            {
              name: "X-Api-Key",
              in: "header",
              required: false,
              description:
                "An API key an administrator issued (tv_…), for trusted services: replaces the Altcha header and books from the " +
                "key's own limit. An unknown or revoked key is refused, never treated as anonymous.",
              schema: { type: "string" },
            },
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description:
                `${String(idempotencyDescription ?? "")} Retrying the same request with the same key returns the booking made first ` +
                "(status 200) instead of booking twice; send the same Altcha solution (or API key) again, it is not spent a second " +
                "time. The same key with a different request is refused (idempotency_key_reused).",
              schema: idempotencyKeyJsonSchema,
            },
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref("BookingRequest"), example: bookingRequestExample } } },
          responses: {
            "201": json("Booked.", "BookingCreated", bookingCreatedExample, {
              Location: { description: "Where the booking can be read with its manage token.", schema: { type: "string" } },
            }),
            "200": json("The same Idempotency-Key was used before: the booking made then.", "BookingCreated", bookingCreatedExample),
            "400": problem(["invalid_json", "invalid_content_type", "invalid_header"]),
            "401": problem(["challenge_required", "api_key_invalid"]),
            "403": problem(["challenge_invalid"]),
            "404": problem(["not_found"]),
            "409": problem(["slot_taken", "challenge_used"], slotTakenExample),
            "413": problem(["body_too_large"]),
            "422": problem(["validation", "request_invalid", "too_many_active_bookings", "too_many_no_shows", "idempotency_key_reused"], validationProblemExample),
            ...commonProblems,
          },
        },
      },
      "/bookings/current": {
        get: {
          operationId: "getBooking",
          tags: ["bookings"],
          summary: "One's own booking",
          description: `The booking the manage token belongs to. ${describeLimit(API_RATE_LIMITS.manage)}`,
          security: [{ manageToken: [] }, { bearerManageToken: [] }],
          responses: {
            "200": json("The booking.", "BookingView", bookingViewExample),
            "400": problem(["token_missing"]),
            "404": problem(["not_found"]),
            ...commonProblems,
          },
        },
        delete: {
          operationId: "cancelBooking",
          tags: ["bookings"],
          summary: "Cancel one's own booking",
          description:
            "Cancels the booking the manage token belongs to; possible online until the cut-off before the appointment. The token " +
            `goes in a header or, for clients that cannot set headers, in the JSON body. ${describeLimit(API_RATE_LIMITS.manage)}`,
          security: [{ manageToken: [] }, { bearerManageToken: [] }, {}],
          requestBody: { required: false, content: { "application/json": { schema: ref("CancelRequest") } } },
          responses: {
            "200": json("Cancelled.", "BookingView", cancelledViewExample),
            "400": problem(["token_missing", "invalid_json", "invalid_content_type"]),
            "404": problem(["not_found"]),
            "409": problem(["cutoff_passed", "booking_not_active"]),
            "413": problem(["body_too_large"]),
            "422": problem(["validation"]),
            ...commonProblems,
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          tags: ["catalogue"],
          summary: "This document",
          responses: { "200": { description: "OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } }, ...commonProblems },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        manageToken: { type: "apiKey", in: "header", name: "X-Manage-Token", description: "The manage token returned when booking." },
        bearerManageToken: { type: "http", scheme: "bearer", description: "The manage token as a bearer token." },
      },
    },
  };
}

const documents = new Map<string, JsonObject>();

/** The document is the same for every request to one deployment: build it once per public address. */
export function openApiDocument(publicUrl: string): JsonObject {
  let document = documents.get(publicUrl);
  if (!document) {
    document = buildOpenApiDocument(publicUrl);
    documents.set(publicUrl, document);
  }
  return document;
}
