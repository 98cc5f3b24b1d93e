/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that parse requests (JSON Schema 2020-12 via
 * `z.toJSONSchema`). Request schemas are described as clients send them (`io: "input"`: defaults optional, strings
 * before conversion), response schemas as the API returns them.
 */
import { z } from "zod";
import {
  availabilityExample,
  bookingCreatedExample,
  bookingRequestExample,
  bookingViewExample,
  cancelledViewExample,
  concernListExample,
  locationListExample,
  requestInvalidExample,
  slotTakenExample,
  validationProblemExample,
} from "./examples";
import { PROBLEM_TYPES, type ProblemCode } from "./problem-types";
import { API_RATE_LIMITS } from "./rate-limits";
import {
  apiCitizenSchema,
  availabilityDaySchema,
  availabilityQuerySchema,
  availabilitySchema,
  bookingCreatedSchema,
  bookingRequestSchema,
  bookingViewSchema,
  cancelRequestSchema,
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
    ...(status === 429 ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } } : {}),
    content: { "application/problem+json": { schema: ref("Problem"), ...(example ? { example } : {}) } },
  };
}

const commonProblems = { "429": problem(["rate_limited"]), "500": problem(["internal_error"]) };

function describeLimit(rule: { max: number; windowMs: number }): string {
  return `Rate limit: ${rule.max} requests per ${rule.windowMs / 60_000} minute(s) per client address.`;
}

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
        "cancelling one's own appointment. Reading needs no authentication; one's own booking is reached with the " +
        "manage token returned when booking, sent in a header. Errors are RFC 9457 problem details. " +
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
      "/bookings": {
        post: {
          operationId: "createBooking",
          tags: ["bookings"],
          summary: "Book an appointment",
          description:
            "Books a start time from GET /availability, with the same checks as the booking pages, and sends the confirmation " +
            "e-mail. Keep the returned manageToken: it is the only key to the booking. " +
            describeLimit(API_RATE_LIMITS.booking),
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description:
                `${String(idempotencyDescription ?? "")} Retrying with the same key and e-mail address returns the booking made first ` +
                "(status 200) instead of booking twice.",
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
            "404": problem(["not_found"]),
            "409": problem(["slot_taken"], slotTakenExample),
            "413": problem(["body_too_large"]),
            "422": problem(["validation", "request_invalid", "too_many_active_bookings"], validationProblemExample),
            ...commonProblems,
          },
        },
      },
      "/bookings/current": {
        get: {
          operationId: "getBooking",
          tags: ["bookings"],
          summary: "One's own booking",
          description: `The booking the manage token belongs to. ${describeLimit(API_RATE_LIMITS.read)}`,
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
            `goes in a header or, for clients that cannot set headers, in the JSON body. ${describeLimit(API_RATE_LIMITS.cancellation)}`,
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
